package dev.boxoffice.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the deployment files (docker-compose.yml, .env.example, k8s/, deploy/) honest
 * about the service they deploy, without starting anything:
 * <ul>
 * <li>every environment variable they set for BoxOffice is one it reads: a
 * {@code BOXOFFICE_*} name must be a {@code ${NAME} placeholder of application.yml, and a
 * {@code SPRING_*}, {@code SERVER_*}, {@code MANAGEMENT_*} or {@code LOGGING_*} name must
 * bind (Spring's relaxed binding) to a property declared in application.yml or in the
 * configuration metadata on the classpath. Variables set on other containers (PostgreSQL,
 * Kafka, Grafana...) and the JVM's own ({@code JDK_JAVA_OPTIONS}, {@code
 * JAVA_TOOL_OPTIONS}) are not the service's business;</li>
 * <li>every metric the Grafana dashboard, the alert rules and the autoscaler use is in
 * the metric list of docs/OPERATIONS.md (the single source of truth) or is a standard
 * Spring Boot / Micrometer one, and every documented metric is on the dashboard.</li>
 * </ul>
 */
class DeploymentFilesTest {

	private static final Path ROOT = findRoot();

	private static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

	private static final List<String> SPRING_PREFIXES = List.of("SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_");

	/** Who consumes a variable: the BoxOffice service, or the named other container. */
	private static final String SERVICE = "BoxOffice";

	private static final Pattern ENV_LINE = Pattern.compile("^\\s*#?\\s*([A-Za-z_][A-Za-z0-9_]*)=", Pattern.MULTILINE);

	private static final Pattern ACTIVE_ENV_LINE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)=", Pattern.MULTILINE);

	private static final Pattern FROM_LITERAL = Pattern.compile("--from-literal=([A-Za-z_][A-Za-z0-9_]*)=");

	private static final Set<String> STANDARD_METRIC_PREFIXES = Set.of("http_server_requests_seconds", "jvm_",
			"process_", "r2dbc_", "system_");

	private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
			"on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

	// Part (i): variables

	@Test
	void everyVariableSetForTheServiceIsOneItReads() {
		List<Setting> settings = new ArrayList<>();
		settings.addAll(composeSettings());
		settings.addAll(kubernetesSettings());
		settings.addAll(secretCommandSettings());
		// A collector that finds nothing proves nothing.
		assertThat(settings).filteredOn((setting) -> setting.source().startsWith("docker-compose.yml"))
			.extracting(Setting::name)
			.contains("SERVER_PORT", "MANAGEMENT_SERVER_PORT", "BOXOFFICE_JWT_SECRET", "POSTGRES_PASSWORD");
		assertThat(settings).filteredOn((setting) -> setting.source().startsWith("k8s/"))
			.extracting(Setting::name)
			.contains("SERVER_PORT", "MANAGEMENT_SERVER_PORT", "SPRING_R2DBC_URL", "BOXOFFICE_JWT_SECRET");

		String applicationYml = read(ROOT.resolve("src/main/resources/application.yml"));
		DeclaredProperties declared = DeclaredProperties.load(applicationYml);
		Map<String, Set<String>> problems = new TreeMap<>();
		for (Setting setting : settings) {
			if (!SERVICE.equals(setting.consumer()) || JVM_VARIABLES.contains(setting.name())) {
				continue;
			}
			String problem = problem(setting.name(), applicationYml, declared);
			if (problem != null) {
				problems.computeIfAbsent(setting.name() + ": " + problem, (key) -> new TreeSet<>())
					.add(setting.source());
			}
		}
		assertThat(problems).as("variables set for the service that it does not read (and where they are set)")
			.isEmpty();
	}

	private static String problem(String name, String applicationYml, DeclaredProperties declared) {
		if (name.startsWith("BOXOFFICE_")) {
			return (applicationYml.contains("${" + name + ":") || applicationYml.contains("${" + name + "}")) ? null
					: "no ${" + name + "} placeholder in application.yml";
		}
		if (SPRING_PREFIXES.stream().anyMatch(name::startsWith)) {
			return declared.binds(name) ? null
					: "binds to no property declared in application.yml or the configuration metadata";
		}
		return "not a variable the service reads (neither BOXOFFICE_* nor a Spring Boot property)";
	}

	/** docker-compose.yml: each service's environment and env_files; .env.example. */
	private static List<Setting> composeSettings() {
		List<Setting> settings = new ArrayList<>();
		String composeText = read(ROOT.resolve("docker-compose.yml"));
		Map<String, Object> compose = map(yaml().load(composeText));
		Set<String> serviceVariables = new LinkedHashSet<>();
		map(compose.get("services")).forEach((name, definition) -> {
			Map<String, Object> service = map(definition);
			String consumer = isBoxOffice(service) ? SERVICE : name;
			String source = "docker-compose.yml services." + name;
			for (String variable : environment(service.get("environment"))) {
				settings.add(new Setting(variable, source + ".environment", consumer));
				if (consumer.equals(SERVICE)) {
					serviceVariables.add(variable);
				}
			}
			for (String envFile : strings(service.get("env_file"))) {
				for (String variable : names(ACTIVE_ENV_LINE, read(ROOT.resolve(envFile)))) {
					settings.add(new Setting(variable, source + ".env_file " + envFile, consumer));
				}
			}
		});
		// .env.example feeds Compose's interpolation. A name that a BoxOffice service
		// passes
		// on under the same name is the service's; any other must at least be used in
		// docker-compose.yml (by another container, a port...), or it is a typo.
		for (String variable : names(ENV_LINE, read(ROOT.resolve(".env.example")))) {
			if (serviceVariables.contains(variable)) {
				settings.add(new Setting(variable, ".env.example", SERVICE));
			}
			else if (composeText.contains("${" + variable + ":") || composeText.contains("${" + variable + "}")
					|| composeText.contains("${" + variable + "-") || composeText.contains("${" + variable + "?")) {
				settings.add(new Setting(variable, ".env.example", "compose"));
			}
			else {
				settings.add(new Setting(variable, ".env.example (used nowhere in docker-compose.yml)", SERVICE));
			}
		}
		return settings;
	}

	private static boolean isBoxOffice(Map<String, Object> service) {
		Object image = service.get("image");
		return service.containsKey("build") || (image != null && image.toString().matches("(.*/)?boxoffice([:@].*)?"));
	}

	/**
	 * Every YAML file under k8s/ (and the env files and inline patches its kustomizations
	 * name): the env and envFrom of the BoxOffice container, and the ConfigMaps and
	 * Secrets it takes with envFrom.
	 */
	private static List<Setting> kubernetesSettings() {
		List<Setting> found = new ArrayList<>();
		// name of a ConfigMap or Secret -> its variables, to be attributed once it is
		// known
		// which ones the BoxOffice container reads.
		Map<String, List<Setting>> byObject = new LinkedHashMap<>();
		Set<String> serviceObjects = new LinkedHashSet<>();
		try (Stream<Path> files = Files.walk(ROOT.resolve("k8s"))) {
			for (Path file : files.filter((f) -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
				String source = ROOT.relativize(file).toString();
				for (Object document : yaml().loadAll(read(file))) {
					kubernetesDocument(document, file, source, found, byObject, serviceObjects);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byObject.forEach((object, settings) -> {
			for (Setting setting : settings) {
				found.add(new Setting(setting.name(), setting.source(),
						serviceObjects.contains(object) ? SERVICE : "ConfigMap/Secret " + object));
			}
		});
		return found;
	}

	private static void kubernetesDocument(Object document, Path file, String source, List<Setting> found,
			Map<String, List<Setting>> byObject, Set<String> serviceObjects) {
		if (!(document instanceof Map<?, ?>)) {
			return;
		}
		Map<String, Object> object = map(document);
		String kind = String.valueOf(object.get("kind"));
		String name = String.valueOf(map(object.get("metadata")).get("name"));
		switch (kind) {
			case "Kustomization", "Component" -> {
				for (String generator : List.of("configMapGenerator", "secretGenerator")) {
					for (Object entry : list(object.get(generator))) {
						Map<String, Object> definition = map(entry);
						String target = String.valueOf(definition.get("name"));
						List<Setting> settings = byObject.computeIfAbsent(target, (key) -> new ArrayList<>());
						for (String literal : strings(definition.get("literals"))) {
							settings.add(new Setting(literal.substring(0, Math.max(0, literal.indexOf('='))),
									source + " " + generator + " " + target, SERVICE));
						}
						for (String envs : strings(definition.get("envs"))) {
							Path envFile = file.getParent().resolve(envs);
							for (String variable : names(ACTIVE_ENV_LINE, read(envFile))) {
								settings.add(new Setting(variable, ROOT.relativize(envFile).toString(), SERVICE));
							}
						}
					}
				}
				for (Object entry : list(object.get("patches"))) {
					Object inline = map(entry).get("patch");
					if (inline instanceof String patch) {
						for (Object patchDocument : yaml().loadAll(patch)) {
							kubernetesDocument(patchDocument, file, source + " (inline patch)", found, byObject,
									serviceObjects);
						}
					}
				}
			}
			case "ConfigMap", "Secret" -> {
				List<Setting> settings = byObject.computeIfAbsent(name, (key) -> new ArrayList<>());
				for (String field : List.of("data", "stringData")) {
					for (Object key : map(object.get(field)).keySet()) {
						settings.add(new Setting(key.toString(), source + " " + kind + " " + name, SERVICE));
					}
				}
			}
			default -> {
				Map<String, Object> podSpec = map(map(map(object.get("spec")).get("template")).get("spec"));
				for (String containers : List.of("initContainers", "containers")) {
					for (Object entry : list(podSpec.get(containers))) {
						Map<String, Object> container = map(entry);
						String containerName = String.valueOf(container.get("name"));
						Object image = container.get("image");
						boolean boxoffice = "boxoffice".equals(containerName)
								|| (image != null && image.toString().matches("(.*/)?boxoffice([:@].*)?"));
						for (Object variable : list(container.get("env"))) {
							found.add(new Setting(String.valueOf(map(variable).get("name")),
									source + " " + kind + " " + name + " container " + containerName,
									boxoffice ? SERVICE : "container " + containerName));
						}
						if (boxoffice) {
							for (Object from : list(container.get("envFrom"))) {
								for (String ref : List.of("configMapRef", "secretRef")) {
									Object refName = map(map(from).get(ref)).get("name");
									if (refName != null) {
										serviceObjects.add(refName.toString());
									}
								}
							}
						}
					}
				}
			}
		}
	}

	/** The keys of the Secret, in the documented kubectl create secret command. */
	private static List<Setting> secretCommandSettings() {
		List<Setting> settings = new ArrayList<>();
		for (String doc : List.of("k8s/README.md", "docs/OPERATIONS.md")) {
			Path file = ROOT.resolve(doc);
			if (Files.exists(file)) {
				for (String variable : names(FROM_LITERAL, read(file))) {
					settings.add(new Setting(variable, doc + " (kubectl create secret)", SERVICE));
				}
			}
		}
		return settings;
	}

	private static List<String> environment(Object environment) {
		if (environment instanceof Map<?, ?> variables) {
			return variables.keySet().stream().map(Object::toString).toList();
		}
		return strings(environment).stream().map((entry) -> entry.split("=", 2)[0]).toList();
	}

	record Setting(String name, String source, String consumer) {
	}

	/** What application.yml and the configuration metadata on the classpath declare. */
	record DeclaredProperties(Set<String> names, Set<String> maps) {

		static DeclaredProperties load(String applicationYml) {
			Set<String> names = new TreeSet<>();
			Set<String> maps = new TreeSet<>();
			for (Object document : yaml().loadAll(applicationYml)) {
				flatten("", document, names);
			}
			JsonMapper json = JsonMapper.builder().build();
			for (String resource : List.of("META-INF/spring-configuration-metadata.json",
					"META-INF/additional-spring-configuration-metadata.json")) {
				for (URL url : resources(resource)) {
					try (InputStream in = url.openStream()) {
						Map<String, Object> metadata = map(json.readValue(in, Object.class));
						for (Object property : list(metadata.get("properties"))) {
							Map<String, Object> definition = map(property);
							String name = String.valueOf(definition.get("name"));
							names.add(name);
							if (String.valueOf(definition.get("type")).startsWith("java.util.Map")) {
								maps.add(name);
							}
						}
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
			return new DeclaredProperties(names, maps);
		}

		/**
		 * Spring Boot's SystemEnvironmentPropertyMapper: an environment variable names a
		 * property when it is the property's canonical form (dots to underscores, dashes
		 * dropped, upper case) or its legacy form (dashes to underscores as well); a Map
		 * property also takes any variable that extends one of those forms.
		 */
		boolean binds(String variable) {
			for (String property : this.names) {
				String canonical = property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
				String legacy = property.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
				if (variable.equals(canonical) || variable.equals(legacy)) {
					return true;
				}
				if (this.maps.contains(property)
						&& (variable.startsWith(canonical + "_") || variable.startsWith(legacy + "_"))) {
					return true;
				}
			}
			return false;
		}

		private static void flatten(String prefix, Object value, Set<String> names) {
			if (value instanceof Map<?, ?> map) {
				map.forEach(
						(key, child) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, child, names));
			}
			else if (!prefix.isEmpty()) {
				names.add(prefix);
			}
		}

		private static List<URL> resources(String name) {
			try {
				Enumeration<URL> urls = DeploymentFilesTest.class.getClassLoader().getResources(name);
				return Collections.list(urls);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	// Part (ii): metrics

	@Test
	void everyMetricOnTheDashboardAndInTheRulesIsDocumentedOrStandard() {
		Map<String, String> documented = documentedMetrics();
		Map<String, Set<String>> used = usedMetrics();
		assertThat(used).as("metric use found").containsKey("boxoffice_seat_streams_open");
		Map<String, Set<String>> unknown = new TreeMap<>(used);
		unknown.keySet().removeIf((metric) -> isDocumented(metric, documented) || isStandard(metric));
		assertThat(unknown).as("metrics used but neither documented in docs/OPERATIONS.md nor standard (and where)")
			.isEmpty();
	}

	@Test
	void everyDocumentedMetricIsOnTheDashboard() {
		Map<String, String> documented = documentedMetrics();
		Set<String> onDashboard = new TreeSet<>();
		dashboardExpressions().forEach((expression) -> onDashboard.addAll(metricNames(expression)));
		Set<String> missing = new TreeSet<>();
		documented.forEach((metric, type) -> {
			if (onDashboard.stream().noneMatch((used) -> isDocumented(used, Map.of(metric, type)))) {
				missing.add(metric);
			}
		});
		assertThat(missing).as("metrics documented in docs/OPERATIONS.md but on no dashboard panel").isEmpty();
	}

	/**
	 * The documented metrics: the rows of the table between the markers
	 * {@code <!-- metrics:begin -->} and {@code <!-- metrics:end -->} in
	 * docs/OPERATIONS.md, name in the first column (in backticks), type in the second.
	 */
	static Map<String, String> documentedMetrics() {
		String operations = read(ROOT.resolve("docs/OPERATIONS.md"));
		int begin = operations.indexOf("<!-- metrics:begin -->");
		int end = operations.indexOf("<!-- metrics:end -->");
		assertThat(begin).as("docs/OPERATIONS.md has a <!-- metrics:begin --> marker").isNotNegative();
		assertThat(end).as("docs/OPERATIONS.md has a <!-- metrics:end --> marker after it").isGreaterThan(begin);
		Map<String, String> metrics = new TreeMap<>();
		Matcher row = Pattern.compile("^\\|\\s*`([a-z_:][a-z0-9_:]*)`\\s*\\|\\s*([a-z]+)\\s*\\|", Pattern.MULTILINE)
			.matcher(operations.substring(begin, end));
		while (row.find()) {
			metrics.put(row.group(1), row.group(2));
		}
		assertThat(metrics).as("documented metrics").isNotEmpty();
		assertThat(metrics.values()).as("metric types").allMatch(Set.of("counter", "gauge", "histogram")::contains);
		return metrics;
	}

	private static boolean isDocumented(String metric, Map<String, String> documented) {
		if (documented.containsKey(metric)) {
			return true;
		}
		// A histogram is exported as its _bucket, _count and _sum series (and _max, by
		// Micrometer's timers).
		Matcher series = Pattern.compile("(.+)_(bucket|count|sum|max)").matcher(metric);
		return series.matches() && "histogram".equals(documented.get(series.group(1)));
	}

	private static boolean isStandard(String metric) {
		return metric.equals("up") || STANDARD_METRIC_PREFIXES.stream().anyMatch(metric::startsWith);
	}

	/** Metric name -> where it is used: dashboard, alert rules, HPA metrics. */
	private static Map<String, Set<String>> usedMetrics() {
		Map<String, Set<String>> used = new TreeMap<>();
		for (String expression : dashboardExpressions()) {
			metricNames(expression).forEach((metric) -> used.computeIfAbsent(metric, (key) -> new TreeSet<>())
				.add("deploy/grafana/dashboards/boxoffice.json"));
		}
		for (Path rules : ruleFiles()) {
			for (Object document : yaml().loadAll(read(rules))) {
				Map<String, Object> object = map(document);
				Object groups = "PrometheusRule".equals(object.get("kind")) ? map(object.get("spec")).get("groups")
						: object.get("groups");
				for (Object group : list(groups)) {
					for (Object rule : list(map(group).get("rules"))) {
						metricNames(String.valueOf(map(rule).get("expr")))
							.forEach((metric) -> used.computeIfAbsent(metric, (key) -> new TreeSet<>())
								.add(ROOT.relativize(rules).toString()));
					}
				}
			}
		}
		for (Path file : kubernetesYaml()) {
			for (Object document : yaml().loadAll(read(file))) {
				Map<String, Object> object = map(document);
				if ("HorizontalPodAutoscaler".equals(object.get("kind"))) {
					for (Object metric : list(map(object.get("spec")).get("metrics"))) {
						for (String type : List.of("pods", "object", "external")) {
							Object name = map(map(map(metric).get(type)).get("metric")).get("name");
							if (name != null) {
								used.computeIfAbsent(name.toString(), (key) -> new TreeSet<>())
									.add(ROOT.relativize(file).toString());
							}
						}
					}
				}
			}
		}
		return used;
	}

	private static List<Path> ruleFiles() {
		List<Path> files = new ArrayList<>();
		files.add(ROOT.resolve("deploy/prometheus/alerts.yml"));
		for (Path file : kubernetesYaml()) {
			if (read(file).contains("kind: PrometheusRule")) {
				files.add(file);
			}
		}
		return files;
	}

	private static List<Path> kubernetesYaml() {
		try (Stream<Path> files = Files.walk(ROOT.resolve("k8s"))) {
			return files.filter((f) -> f.toString().matches(".*\\.ya?ml$")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every PromQL query of the dashboard: panel targets and query variables. */
	private static List<String> dashboardExpressions() {
		Object dashboard = JsonMapper.builder()
			.build()
			.readValue(read(ROOT.resolve("deploy/grafana/dashboards/boxoffice.json")), Object.class);
		List<String> expressions = new ArrayList<>();
		collectExpressions(dashboard, expressions);
		for (Object variable : list(map(map(dashboard).get("templating")).get("list"))) {
			Object query = map(variable).get("query");
			String text = (query instanceof Map<?, ?> q) ? String.valueOf(q.get("query")) : String.valueOf(query);
			Matcher labelValues = Pattern.compile("label_values\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\)").matcher(text);
			if (labelValues.matches()) {
				expressions.add(labelValues.group(1));
			}
		}
		return expressions;
	}

	private static void collectExpressions(Object node, List<String> expressions) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("expr".equals(key) && value instanceof String expression) {
					expressions.add(expression);
				}
				else {
					collectExpressions(value, expressions);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((item) -> collectExpressions(item, expressions));
		}
	}

	/**
	 * The metric names in a PromQL expression: what is left once strings, label matchers,
	 * ranges, grouping clauses, Grafana variables and numbers are taken out, minus
	 * function names (followed by a parenthesis) and keywords.
	 */
	static Set<String> metricNames(String expression) {
		String rest = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
			.replaceAll("\\$\\{[^}]*}|\\$\\w+", " ")
			.replaceAll("(?<![A-Za-z0-9_:])[0-9][0-9.]*(?:[eE][+-]?[0-9]+)?[a-z]*", " ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?").matcher(rest);
		while (identifier.find()) {
			String name = identifier.group(1);
			if (identifier.group(2) == null && !PROMQL_KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

	@Test
	void metricNamesAreFoundInPromql() {
		assertThat(metricNames(
				"histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{job=\"boxoffice\", uri=\"/api/v1/shows/{showId}/holds\"}[$__rate_interval]))) > 1"))
			.containsExactly("http_server_requests_seconds_bucket");
		assertThat(metricNames(
				"sum by (instance) (a_total{x=\"y\"} unless a_total offset 15m) > 0 or max(b_seconds) / on(job) group_left c"))
			.containsExactly("a_total", "b_seconds", "c");
	}

	// Helpers

	private static Yaml yaml() {
		// SafeConstructor: plain maps, lists and scalars; merge keys (<<) are resolved.
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(1000);
		return new Yaml(new SafeConstructor(options));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> result = new LinkedHashMap<>();
			((Map<Object, Object>) map).forEach((key, child) -> result.put(String.valueOf(key), child));
			return result;
		}
		return Map.of();
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

	private static List<String> strings(Object value) {
		if (value instanceof String single) {
			return List.of(single);
		}
		return list(value).stream()
			.map((item) -> (item instanceof Map<?, ?> entry) ? String.valueOf(entry.get("path")) : String.valueOf(item))
			.toList();
	}

	private static Set<String> names(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		Set<String> names = new LinkedHashSet<>();
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path findRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null
				&& !(Files.exists(dir.resolve("pom.xml")) && Files.exists(dir.resolve("docker-compose.yml")))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("the repository root (pom.xml and docker-compose.yml) above the working directory")
			.isNotNull();
		return dir;
	}

}
