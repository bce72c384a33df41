// Validates rendered Kubernetes manifests (the output of `kubectl kustomize`) against the
// Kubernetes API's own types, offline:
//
//   node validate-k8s.mjs [--builtin-only] LABEL=FILE.yaml ...
//
// The schemas come from the npm packages kubernetes-models (the Kubernetes API, generated
// from its OpenAPI document), @kubernetes-models/gateway-api and
// @kubernetes-models/prometheus-operator (generated from those projects' CRDs). They ship
// each type twice, and every object is checked against both:
// 1. a compiled JSON-schema validator (ajv): types, required fields, enums, patterns;
// 2. TypeScript declarations: every object is written out as a TypeScript object literal of
//    its declared type and compiled with tsc --strict, so that a field the type does not
//    declare (a misspelling, a field at the wrong level) is an error, which the JSON-schema
//    validators of these packages do not report (they allow unknown properties, as the API
//    server does unless asked for strict field validation).
// An object whose apiVersion and kind none of the packages knows is an error, not a skip.
// --builtin-only: objects must use built-in Kubernetes APIs (no CRDs), as the base must.
// A self-test runs first: objects with a misspelled field and a wrong type must be refused,
// or the validator itself is broken and the run fails.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { parseAllDocuments } from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const builtinPackage = "kubernetes-models";
const packages = [builtinPackage, "@kubernetes-models/gateway-api", "@kubernetes-models/prometheus-operator"];

function modelFor(apiVersion, kind) {
	if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
		return null;
	}
	const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : [null, apiVersion];
	const sub = group ? `${group}/${version}/${kind}` : `${version}/${kind}`;
	for (const pkg of packages) {
		const base = path.join(here, "node_modules", pkg, sub);
		if (existsSync(base + ".d.ts") && existsSync(base + ".js")) {
			return { pkg, specifier: `${pkg}/${sub}`, file: base + ".js", typeName: `I${kind}`, kind };
		}
	}
	return null;
}

// Pretty-prints a JSON value as a TypeScript expression, one property or element per line,
// and records the JSON path of every line, so that tsc's line numbers name the field.
function literal(value, lines, paths, jsonPath, indent, prefix, suffix) {
	const pad = "  ".repeat(indent);
	if (Array.isArray(value) && value.length > 0) {
		lines.push(pad + prefix + "[");
		paths.push(jsonPath);
		value.forEach((item, i) => literal(item, lines, paths, `${jsonPath}[${i}]`, indent + 1, "", i < value.length - 1 ? "," : ""));
		lines.push(pad + "]" + suffix);
		paths.push(jsonPath);
	}
	else if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
		const keys = Object.keys(value);
		lines.push(pad + prefix + "{");
		paths.push(jsonPath);
		keys.forEach((key, i) => literal(value[key], lines, paths, `${jsonPath}.${key}`, indent + 1, JSON.stringify(key) + ": ", i < keys.length - 1 ? "," : ""));
		lines.push(pad + "}" + suffix);
		paths.push(jsonPath);
	}
	else {
		lines.push(pad + prefix + JSON.stringify(value) + suffix);
		paths.push(jsonPath);
	}
}

function runtimeErrors(Model, object) {
	try {
		new Model(object).validate();
		return [];
	}
	catch (error) {
		const list = Array.isArray(error?.errors) && error.errors.length > 0
			? error.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.allowedValues ? ": " + e.params.allowedValues.join(", ") : ""}`)
			: [String(error?.message ?? error)];
		return list.map((m) => `schema: ${m}`);
	}
}

async function validate(entries, { builtinOnly }) {
	// entries: { label, object }
	const workDir = path.join(here, ".generated");
	rmSync(workDir, { recursive: true, force: true });
	mkdirSync(workDir, { recursive: true });
	const results = [];
	const files = [];
	for (const [index, entry] of entries.entries()) {
		const { object } = entry;
		const name = `${object?.metadata?.namespace ? object.metadata.namespace + "/" : ""}${object?.metadata?.name ?? "?"}`;
		const result = { ...entry, name, errors: [] };
		results.push(result);
		const model = modelFor(object?.apiVersion, object?.kind);
		if (model === null) {
			result.errors.push(`no schema for apiVersion ${object?.apiVersion} kind ${object?.kind}`);
			continue;
		}
		if (builtinOnly && model.pkg !== builtinPackage) {
			result.errors.push(`${object.apiVersion} ${object.kind} needs a CRD, but this render must use built-in APIs only`);
		}
		const module = await import(pathToFileURL(model.file).href);
		result.errors.push(...runtimeErrors(module[model.kind], object));
		const lines = [`import type { ${model.typeName} } from ${JSON.stringify(model.specifier)};`];
		const paths = ["(import)"];
		literal(object, lines, paths, "", 0, `export const object: ${model.typeName} = `, ";");
		const file = path.join(workDir, `object${index}.ts`);
		writeFileSync(file, lines.join("\n") + "\n");
		files.push({ file, result, paths });
	}
	const program = ts.createProgram(files.map((f) => f.file), {
		strict: true,
		noEmit: true,
		target: ts.ScriptTarget.ES2022,
		module: ts.ModuleKind.NodeNext,
		moduleResolution: ts.ModuleResolutionKind.NodeNext,
		skipLibCheck: true,
		types: [],
	});
	const byFile = new Map(files.map((f) => [path.resolve(f.file), f]));
	for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
		const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
		const target = diagnostic.file ? byFile.get(path.resolve(diagnostic.file.fileName)) : undefined;
		if (!target) {
			// A problem outside the generated files (a missing type package, say) fails all.
			throw new Error(`TypeScript: ${message}`);
		}
		const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
		const at = target.paths[line] || "/";
		target.result.errors.push(`type: ${at}: ${message}`);
	}
	rmSync(workDir, { recursive: true, force: true });
	return results;
}

function selfTestEntries() {
	const deployment = {
		apiVersion: "apps/v1",
		kind: "Deployment",
		metadata: { name: "self-test" },
		spec: {
			replicas: "2",
			selector: { matchLabels: { app: "x" } },
			template: {
				metadata: { labels: { app: "x" } },
				spec: { containers: [{ name: "x", image: "x", imagePullPolicyy: "Always" }] },
			},
		},
	};
	const route = {
		apiVersion: "gateway.networking.k8s.io/v1",
		kind: "HTTPRoute",
		metadata: { name: "self-test" },
		spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "x", port: 80 }], timeouts: { requestt: "0s" } }] },
	};
	return [deployment, route];
}

async function main() {
	const args = process.argv.slice(2);
	const builtinOnly = args.includes("--builtin-only");
	const inputs = args.filter((a) => !a.startsWith("--"));
	if (inputs.length === 0) {
		console.error("usage: node validate-k8s.mjs [--builtin-only] LABEL=FILE.yaml ...");
		process.exit(2);
	}

	// The validator must refuse what it is meant to refuse. The Deployment's two faults are
	// checked one at a time, since tsc reports one error per object literal.
	const [deployment, route] = selfTestEntries();
	const deploymentTypo = structuredClone(deployment);
	deploymentTypo.spec.replicas = 2;
	const probes = [
		{ object: deployment, expect: "replicas" },
		{ object: deploymentTypo, expect: "imagePullPolicyy" },
		{ object: route, expect: "requestt" },
	];
	const probeResults = await validate(probes.map((p) => ({ label: "self-test", object: p.object })), { builtinOnly: false });
	probeResults.forEach((result, i) => {
		if (!result.errors.some((e) => e.includes(probes[i].expect))) {
			console.error(`self-test FAILED: ${probes[i].object.kind} with a bad "${probes[i].expect}" was not refused (${result.errors.join("; ") || "no error"})`);
			process.exit(1);
		}
	});
	console.log(`self-test: a wrong type and misspelled fields are refused (${probeResults.length} probes)`);

	const entries = [];
	for (const input of inputs) {
		const eq = input.indexOf("=");
		const [label, file] = eq > 0 ? [input.slice(0, eq), input.slice(eq + 1)] : [input, input];
		const documents = parseAllDocuments(readFileSync(file, "utf8"));
		for (const document of documents) {
			if (document.errors.length > 0) {
				console.error(`${label}: YAML: ${document.errors.map((e) => e.message).join("; ")}`);
				process.exit(1);
			}
			const object = document.toJS();
			if (object !== null && object !== undefined) {
				entries.push({ label, object });
			}
		}
	}
	const results = await validate(entries, { builtinOnly });
	let invalid = 0;
	for (const result of results) {
		const what = `${result.label}: ${result.object?.apiVersion} ${result.object?.kind} ${result.name}`;
		if (result.errors.length === 0) {
			console.log(`ok       ${what}`);
		}
		else {
			invalid++;
			console.log(`INVALID  ${what}`);
			for (const error of result.errors) {
				console.log(`           ${error}`);
			}
		}
	}
	const labels = new Set(results.map((r) => r.label));
	console.log(`Kubernetes: ${results.length} objects in ${labels.size} render(s) validated, ${invalid} invalid`);
	process.exit(invalid === 0 && results.length > 0 ? 0 : 1);
}

await main();
