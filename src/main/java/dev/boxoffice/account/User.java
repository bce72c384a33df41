package dev.boxoffice.account;

import java.util.UUID;

record User(UUID id, String email, String passwordHash, String displayName, Role role) {

}
