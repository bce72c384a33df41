// Validates docker-compose.yml without Docker:
//
//   node validate-compose.mjs docker-compose.yml [.env.example]
//
// 1. Interpolates ${VAR}, ${VAR:-default}, ${VAR:?message} and the like the way Compose
//    does, with the values of .env.example (and a stand-in for each required variable that
//    is empty there), so a malformed or unset-but-required variable is an error.
// 2. Validates the result against the Compose Specification's JSON schema, as shipped by the
//    npm package dclint (schemas/compose.schema.json), with ajv. The schema refuses unknown
//    keys (additionalProperties: false, except x-* extensions) and wrong types. YAML anchors
//    and merge keys (<<) are resolved first, as Compose does.
// 3. Checks what the schema cannot: services named in depends_on exist, named volumes are
//    declared, bind-mounted files exist, the proxy's fixed address lies in the network's
//    subnet and outside its dynamic range, BOXOFFICE_TRUSTED_PROXIES names that address,
//    and nginx's upstream lists every BoxOffice instance on its SERVER_PORT.
// A self-test runs first: a misspelled key must be refused.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { parse } from "yaml";

// Not in dclint's package exports, so by path.
const schemaFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules", "dclint", "schemas", "compose.schema.json");

function compileSchema() {
	const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
	// draft-07; ajv knows it under its http:// id only.
	delete schema.$schema;
	const ajv = new Ajv({ allErrors: true, strict: false });
	return ajv.compile(schema);
}

function readEnvFile(file) {
	const values = {};
	if (!file || !existsSync(file)) {
		return values;
	}
	for (const line of readFileSync(file, "utf8").split("\n")) {
		const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
		if (match) {
			values[match[1]] = match[2];
		}
	}
	return values;
}

// Compose's interpolation, on every string of the document (keys are not interpolated).
function interpolate(value, env, errors, where) {
	if (typeof value === "string") {
		return value.replace(/\$(\$|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (all, escaped, braced, bare) => {
			if (escaped === "$") {
				return "$";
			}
			if (bare !== undefined) {
				return env[bare] ?? "";
			}
			const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?$/s.exec(braced);
			if (!m) {
				errors.push(`${where}: malformed variable reference ${all}`);
				return "";
			}
			const [, name, op, arg = ""] = m;
			const set = Object.hasOwn(env, name);
			const nonEmpty = set && env[name] !== "";
			switch (op) {
				case undefined: return set ? env[name] : "";
				case ":-": return nonEmpty ? env[name] : interpolate(arg, env, errors, where);
				case "-": return set ? env[name] : interpolate(arg, env, errors, where);
				case ":?": if (!nonEmpty) errors.push(`${where}: required variable ${name} is not set (${arg})`); return env[name] ?? "";
				case "?": if (!set) errors.push(`${where}: required variable ${name} is not set (${arg})`); return env[name] ?? "";
				case ":+": return nonEmpty ? interpolate(arg, env, errors, where) : "";
				case "+": return set ? interpolate(arg, env, errors, where) : "";
				default: errors.push(`${where}: unknown operator in ${all}`); return "";
			}
		});
	}
	if (Array.isArray(value)) {
		return value.map((v, i) => interpolate(v, env, errors, `${where}[${i}]`));
	}
	if (value !== null && typeof value === "object") {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, errors, `${where}.${k}`)]));
	}
	return value;
}

function ipv4(text) {
	const parts = String(text).split(".").map(Number);
	if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
		return null;
	}
	return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

function inCidr(address, cidr) {
	const [base, bits = "32"] = String(cidr).split("/");
	const a = ipv4(address);
	const b = ipv4(base);
	const n = Number(bits);
	if (a === null || b === null || !(n >= 0 && n <= 32)) {
		return false;
	}
	const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
	return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

function environmentOf(service) {
	const env = service.environment ?? {};
	if (Array.isArray(env)) {
		return Object.fromEntries(env.map((e) => {
			const i = String(e).indexOf("=");
			return i < 0 ? [e, undefined] : [e.slice(0, i), e.slice(i + 1)];
		}));
	}
	return env;
}

function semanticErrors(compose, dir) {
	const errors = [];
	const services = compose.services ?? {};
	const volumes = compose.volumes ?? {};
	for (const [name, service] of Object.entries(services)) {
		const dependsOn = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
		for (const dependency of dependsOn) {
			if (!services[dependency]) {
				errors.push(`services.${name}.depends_on: no service ${dependency}`);
			}
		}
		for (const volume of service.volumes ?? []) {
			const source = typeof volume === "string" ? volume.split(":")[0] : volume.source;
			if (!source) {
				continue;
			}
			if (source.startsWith(".") || source.startsWith("/")) {
				if (!existsSync(path.resolve(dir, source))) {
					errors.push(`services.${name}.volumes: ${source} does not exist`);
				}
			}
			else if (!Object.hasOwn(volumes, source)) {
				errors.push(`services.${name}.volumes: named volume ${source} is not declared under volumes`);
			}
		}
	}

	// The proxy's fixed address, the subnet, and the instances' trust in it.
	const networks = compose.networks ?? {};
	const fixed = [];
	for (const [name, service] of Object.entries(services)) {
		for (const [network, settings] of Object.entries(Array.isArray(service.networks) ? {} : service.networks ?? {})) {
			if (settings?.ipv4_address) {
				fixed.push({ service: name, network, address: settings.ipv4_address });
			}
		}
	}
	for (const { service, network, address } of fixed) {
		const configs = networks[network]?.ipam?.config ?? [];
		if (!configs.some((c) => c.subnet && inCidr(address, c.subnet))) {
			errors.push(`services.${service}: ipv4_address ${address} is not in a subnet of network ${network}`);
		}
		if (configs.some((c) => c.ip_range && inCidr(address, c.ip_range))) {
			errors.push(`services.${service}: ipv4_address ${address} lies in the dynamic ip_range of network ${network}, so another container may get it first`);
		}
	}
	const boxoffice = Object.entries(services).filter(([, s]) => s.build !== undefined || /^boxoffice[:@]/.test(String(s.image ?? "")));
	if (boxoffice.length === 0) {
		errors.push("no BoxOffice service (one built from the Dockerfile) found");
	}
	const proxyAddresses = fixed.map((f) => f.address);
	for (const [name, service] of boxoffice) {
		const trusted = environmentOf(service).BOXOFFICE_TRUSTED_PROXIES;
		if (trusted === undefined) {
			continue;
		}
		const entries = String(trusted).split(",").map((e) => e.trim()).filter(Boolean);
		for (const address of proxyAddresses) {
			if (!entries.some((e) => inCidr(address, e.includes("/") ? e : `${e}/32`))) {
				errors.push(`services.${name}: BOXOFFICE_TRUSTED_PROXIES (${trusted}) does not include the proxy's address ${address}`);
			}
		}
	}

	// nginx's upstream must name every BoxOffice instance, on its SERVER_PORT.
	const nginx = Object.values(services).flatMap((s) => (s.volumes ?? [])
		.map((v) => (typeof v === "string" ? v.split(":")[0] : v.source))
		.filter((source) => source && /nginx.*\.conf$/.test(source)));
	for (const conf of nginx) {
		const file = path.resolve(dir, conf);
		if (!existsSync(file)) {
			continue;
		}
		const servers = [...readFileSync(file, "utf8").matchAll(/^\s*server\s+([A-Za-z0-9_.-]+):(\d+)\b/gm)].map((m) => `${m[1]}:${m[2]}`);
		for (const [name, service] of boxoffice) {
			const port = environmentOf(service).SERVER_PORT ?? "8080";
			if (!servers.includes(`${name}:${port}`)) {
				errors.push(`${conf}: the upstream does not list ${name}:${port}`);
			}
		}
	}
	return errors;
}

function main() {
	const [composeFile = "docker-compose.yml", envFile = ".env.example"] = process.argv.slice(2);
	const validateSchema = compileSchema();

	const probe = { services: { probe: { image: "x", healthcheck: { intervall: "5s" } } } };
	if (validateSchema(probe)) {
		console.error("self-test FAILED: the compose schema accepted a misspelled key (healthcheck.intervall)");
		process.exit(1);
	}
	console.log(`self-test: a misspelled key is refused (schema ${path.relative(process.cwd(), schemaFile)})`);

	const source = readFileSync(composeFile, "utf8");
	// merge: resolve "<<" merge keys, as Compose does; uniqueKeys: a duplicated key is an error.
	const raw = parse(source, { merge: true, uniqueKeys: true, maxAliasCount: 1000 });
	const env = readEnvFile(envFile);
	const errors = [];
	// Variables that .env.example leaves empty but Compose requires get a stand-in.
	for (const match of source.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)) {
		if (!env[match[1]]) {
			env[match[1]] = `stand-in-for-${match[1]}`;
		}
	}
	const compose = interpolate(raw, env, errors, "");
	if (!validateSchema(compose)) {
		for (const e of validateSchema.errors) {
			errors.push(`schema: ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ": " + e.params.additionalProperty : ""}`);
		}
	}
	errors.push(...semanticErrors(compose, path.dirname(path.resolve(composeFile))));

	const services = Object.keys(compose?.services ?? {});
	if (errors.length > 0) {
		console.log(`INVALID  ${composeFile}`);
		for (const error of [...new Set(errors)]) {
			console.log(`           ${error}`);
		}
		console.log(`Compose: ${composeFile} invalid (${errors.length} error(s))`);
		process.exit(1);
	}
	console.log(`ok       ${composeFile}: services ${services.join(", ")}`);
	console.log(`Compose: ${composeFile} valid against the Compose Specification schema, ${services.length} services`);
}

main();
