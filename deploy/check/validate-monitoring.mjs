// Validates the monitoring files, from the repository's root:
//
//   node deploy/check/validate-monitoring.mjs
//
// - Every PromQL expression (the alert rules, the Grafana dashboard's queries) parses with
//   Prometheus' own PromQL grammar (@prometheus-io/lezer-promql, the one its web UI uses),
//   which also knows the function names.
// - Every alert rule has a severity label and a summary, and is described in
//   docs/OPERATIONS.md.
// - The PrometheusRule of k8s/components/prometheus-operator carries exactly the groups of
//   deploy/prometheus/alerts.yml.
// - prometheus.yml loads the rules file where docker-compose.yml mounts it and scrapes every
//   BoxOffice instance on its management port; the dashboard uses the provisioned data
//   source.
// Metric names are checked by DeploymentFilesTest (Java), against docs/OPERATIONS.md.

import { existsSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { parser } from "@prometheus-io/lezer-promql";
import { parse, parseAllDocuments } from "yaml";

const errors = [];
let expressions = 0;

function checkPromql(expr, where) {
	expressions++;
	// Grafana's variables, replaced by what Grafana would put there.
	const query = String(expr)
		.replaceAll("$__rate_interval", "1m")
		.replaceAll("$__interval", "1m")
		.replaceAll("$__range", "1h")
		.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*(:[a-z]+)?\}?/g, ".*");
	const errorsAt = [];
	parser.parse(query).iterate({
		enter: (node) => {
			if (node.type.isError) {
				errorsAt.push(node.from);
			}
		},
	});
	if (errorsAt.length > 0) {
		const at = errorsAt[0];
		errors.push(`${where}: PromQL does not parse at ${at}: ${query.slice(Math.max(0, at - 30), at)} >>> ${query.slice(at, at + 30)}`);
	}
}

const read = (file) => readFileSync(file, "utf8");
const operations = existsSync("docs/OPERATIONS.md") ? read("docs/OPERATIONS.md") : "";

// Alert rules.
const rulesFile = "deploy/prometheus/alerts.yml";
const rules = parse(read(rulesFile));
let alerts = 0;
for (const group of rules?.groups ?? []) {
	for (const rule of group.rules ?? []) {
		const name = rule.alert ?? rule.record;
		checkPromql(rule.expr, `${rulesFile}: ${name}`);
		if (rule.alert) {
			alerts++;
			if (!rule.labels?.severity) {
				errors.push(`${rulesFile}: ${name} has no severity label`);
			}
			if (!rule.annotations?.summary) {
				errors.push(`${rulesFile}: ${name} has no summary annotation`);
			}
			if (!operations.includes(`### ${name}`)) {
				errors.push(`${rulesFile}: ${name} is not described in docs/OPERATIONS.md (a "### ${name}" section)`);
			}
		}
	}
}
if (alerts === 0) {
	errors.push(`${rulesFile}: no alerts`);
}

// The same groups for the Prometheus Operator.
const ruleResource = "k8s/components/prometheus-operator/prometheusrule.yaml";
const prometheusRule = parseAllDocuments(read(ruleResource)).map((d) => d.toJS()).find((o) => o?.kind === "PrometheusRule");
if (!isDeepStrictEqual(prometheusRule?.spec?.groups, rules?.groups)) {
	errors.push(`${ruleResource}: spec.groups differ from the groups of ${rulesFile}`);
}

// Prometheus' configuration against docker-compose.yml.
const compose = parse(read("docker-compose.yml"), { merge: true });
const prometheusConfig = parse(read("deploy/prometheus/prometheus.yml"));
const prometheusVolumes = (compose.services?.prometheus?.volumes ?? []).map(String);
for (const ruleFile of prometheusConfig.rule_files ?? []) {
	if (!prometheusVolumes.some((v) => v.startsWith(`./${rulesFile}:${ruleFile}`))) {
		errors.push(`deploy/prometheus/prometheus.yml: rule file ${ruleFile} is not where docker-compose.yml mounts ${rulesFile}`);
	}
}
const job = (prometheusConfig.scrape_configs ?? []).find((c) => c.job_name === "boxoffice");
const targets = (job?.static_configs ?? []).flatMap((c) => c.targets ?? []);
for (const [name, service] of Object.entries(compose.services ?? {})) {
	if (service.build === undefined) {
		continue;
	}
	const port = String(service.environment?.MANAGEMENT_SERVER_PORT ?? "8081");
	if (!targets.includes(`${name}:${port}`)) {
		errors.push(`deploy/prometheus/prometheus.yml: job boxoffice does not scrape ${name}:${port} (the management port)`);
	}
}
if (job?.metrics_path !== "/actuator/prometheus") {
	errors.push("deploy/prometheus/prometheus.yml: job boxoffice must scrape /actuator/prometheus");
}

// The Grafana dashboard.
const dashboardFile = "deploy/grafana/dashboards/boxoffice.json";
const dashboard = JSON.parse(read(dashboardFile));
const datasources = parse(read("deploy/grafana/provisioning/datasources/prometheus.yml")).datasources ?? [];
const uids = new Set(datasources.map((d) => d.uid));
let panels = 0;
const walk = (list) => {
	for (const panel of list ?? []) {
		if (panel.type === "row") {
			walk(panel.panels);
			continue;
		}
		panels++;
		for (const target of panel.targets ?? []) {
			checkPromql(target.expr, `${dashboardFile}: panel "${panel.title}" ${target.refId}`);
			const uid = target.datasource?.uid ?? panel.datasource?.uid;
			if (!uids.has(uid)) {
				errors.push(`${dashboardFile}: panel "${panel.title}" uses data source ${uid}, which is not provisioned`);
			}
		}
	}
};
walk(dashboard.panels);
for (const variable of dashboard.templating?.list ?? []) {
	const query = typeof variable.query === "string" ? variable.query : variable.query?.query;
	const inner = /^label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\)$/.exec(query ?? "");
	if (inner) {
		checkPromql(inner[1], `${dashboardFile}: variable ${variable.name}`);
	}
}
if (panels === 0) {
	errors.push(`${dashboardFile}: no panels`);
}

if (errors.length > 0) {
	const distinct = [...new Set(errors)];
	for (const error of distinct) {
		console.log(`INVALID  ${error}`);
	}
	console.log(`Monitoring: ${distinct.length} error(s)`);
	process.exit(1);
}
console.log(`ok       ${rulesFile}: ${alerts} alerts, same groups as ${ruleResource}`);
console.log(`ok       ${dashboardFile}: ${panels} panels on provisioned data source(s) ${[...uids].join(", ")}`);
console.log(`ok       deploy/prometheus/prometheus.yml: scrapes ${targets.join(", ")}`);
console.log(`Monitoring: ${expressions} PromQL expressions parse, ${alerts} alerts, ${panels} panels`);
