#!/usr/bin/env bash
# Prints the hash a BoxOffice jar's own Spring Security makes of a password, at BCrypt cost 4,
# in the scheme that jar hashes new passwords with ({bcrypt-sha256}, or {bcrypt} for jars
# before it). run.sh stores it for every load-test user, so that neither provisioning nor the
# run's logins pay the service's default strength; CI runs it against the jar it builds, so
# that a change to the jar's libraries cannot break the load tests unnoticed.
#
#   load-tests/password-hash.sh JAR PASSWORD
set -Eeuo pipefail

jar=${1:?usage: password-hash.sh JAR PASSWORD}
password=${2:?usage: password-hash.sh JAR PASSWORD}
[[ -f $jar ]] || { echo "password-hash.sh: no jar at $jar" >&2; exit 1; }
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# BCrypt logs through commons-logging's API, which the jar brings as commons-logging or
# spring-jcl (older jars), or as jcl-over-slf4j on slf4j-api. unzip names the patterns that
# match nothing of this jar, and says so in its exit status: the java step below decides.
(cd "$work" && unzip -q -o "$jar" 'BOOT-INF/lib/spring-security-crypto-*.jar' \
	'BOOT-INF/lib/commons-logging-*.jar' 'BOOT-INF/lib/spring-jcl-*.jar' \
	'BOOT-INF/lib/jcl-over-slf4j-*.jar' 'BOOT-INF/lib/slf4j-api-*.jar' 2>/dev/null || true)
scheme=bcrypt
if unzip -l "$jar" 'BOOT-INF/classes/dev/boxoffice/security/PrehashedBcrypt.class' >/dev/null 2>&1; then
	scheme=bcrypt-sha256
fi
cat >"$work/Hash.java" <<'JAVA'
public class Hash {
	public static void main(String[] args) throws Exception {
		String password = args[1];
		if (args[0].equals("bcrypt-sha256")) {
			password = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
				.digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		System.out.print("{" + args[0] + "}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(password));
	}
}
JAVA
# No SLF4J provider is on this class path, and none is needed: keep its warning out.
hash=$(java -Dslf4j.internal.verbosity=ERROR -cp "$work/BOOT-INF/lib/*" "$work/Hash.java" "$scheme" "$password")
if [[ $hash != "{$scheme}"'$2a$04$'* ]]; then
	echo "password-hash.sh: $jar's Spring Security made no $scheme hash (got '$hash')" >&2
	exit 1
fi
printf '%s\n' "$hash"
