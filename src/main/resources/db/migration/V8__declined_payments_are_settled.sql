-- A confirmation now records its charge in the booking's transaction, so a payment declined
-- once and then charged with another card stays DECLINED until that transaction commits: an
-- instance killed in between leaves a charge the reconciler must find under DECLINED too.
drop index payments_unsettled;
create index payments_unsettled on payments (hold_expires_at) where state in ('PENDING', 'DECLINED', 'CHARGED');
