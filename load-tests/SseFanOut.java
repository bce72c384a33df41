import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SSE fan-out benchmark: opens N live seat-map streams on one show, then makes holds one
 * after another and measures how long each change takes to reach every subscriber.
 *
 * java load-tests/SseFanOut.java --base http://127.0.0.1:8081 --show SHOW_ID --token JWT \
 *      --subscribers 1000 --changes 10 --seats ,...
 *
 * Prints connect time (until every subscriber has its snapshot) and fan-out latency p50 / p99 /
 * max over all (change, subscriber) pairs. Only plain JDK classes, so it runs as a single
 * source file. Load goes to the given base URL only (use loopback).
 */
public class SseFanOut {

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String base = options.getOrDefault("base", "http://127.0.0.1:8080");
		String show = options.get("show");
		String token = options.get("token");
		int subscribers = Integer.parseInt(options.getOrDefault("subscribers", "1000"));
		List<String> seats = Arrays.asList(options.get("seats").split(","));
		int changes = Math.min(Integer.parseInt(options.getOrDefault("changes", "10")), seats.size());

		HttpClient client = HttpClient.newBuilder()
			.executor(Executors.newFixedThreadPool(4))
			.connectTimeout(Duration.ofSeconds(30))
			.build();
		Map<String, Long>[] arrivals = new Map[subscribers];
		CountDownLatch snapshots = new CountDownLatch(subscribers);
		long[] connectNanos = new long[subscribers];
		AtomicInteger failed = new AtomicInteger();
		long start = System.nanoTime();
		for (int i = 0; i < subscribers; i++) {
			int index = i;
			arrivals[i] = new ConcurrentHashMap<>();
			long opened = System.nanoTime();
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/shows/" + show + "/seats/stream"))
				.header("Accept", "text/event-stream")
				.build();
			client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
				private String event;

				@Override
				public void onSubscribe(Flow.Subscription subscription) {
					subscription.request(Long.MAX_VALUE);
				}

				@Override
				public void onNext(String line) {
					if (line.startsWith("event:")) {
						this.event = line.substring(6).trim();
					}
					else if (line.startsWith("data:")) {
						if ("snapshot".equals(this.event)) {
							connectNanos[index] = System.nanoTime() - opened;
							snapshots.countDown();
						}
						else if ("seats".equals(this.event)) {
							long now = System.nanoTime();
							for (String seat : seats) {
								if (line.contains("\"" + seat + "\"")) {
									arrivals[index].putIfAbsent(seat, now);
								}
							}
						}
					}
				}

				@Override
				public void onError(Throwable throwable) {
					failed.incrementAndGet();
				}

				@Override
				public void onComplete() {
				}
			})).exceptionally((failure) -> {
				failed.incrementAndGet();
				snapshots.countDown();
				return null;
			});
			if (i % 500 == 499) {
				Thread.sleep(50);
			}
		}
		boolean connected = snapshots.await(5, TimeUnit.MINUTES);
		long connectMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		long[] connects = Arrays.stream(connectNanos).filter((n) -> n > 0).sorted().toArray();
		System.out.printf("subscribers=%d connected=%d failed=%d all_snapshots=%s connect_total_ms=%d connect_p50_ms=%.1f connect_p99_ms=%.1f%n",
				subscribers, connects.length, failed.get(), connected, connectMillis, percentile(connects, 50) / 1e6,
				percentile(connects, 99) / 1e6);

		List<Long> latencies = new ArrayList<>();
		int delivered = 0;
		for (int c = 0; c < changes; c++) {
			String seat = seats.get(c);
			long sent = System.nanoTime();
			HttpRequest hold = HttpRequest.newBuilder(URI.create(base + "/api/v1/shows/" + show + "/holds"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"seatIds\":[\"" + seat + "\"]}"))
				.build();
			int status = client.send(hold, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status != 201) {
				System.out.println("hold of " + seat + " answered " + status);
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (System.nanoTime() < deadline && countArrived(arrivals, seat) < connects.length) {
				Thread.sleep(5);
			}
			for (Map<String, Long> subscriber : arrivals) {
				Long at = subscriber.get(seat);
				if (at != null) {
					latencies.add(at - sent);
					delivered++;
				}
			}
			Thread.sleep(300);
		}
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("changes=%d deliveries=%d expected=%d fanout_p50_ms=%.1f fanout_p99_ms=%.1f fanout_max_ms=%.1f%n",
				changes, delivered, (long) changes * connects.length, percentile(sorted, 50) / 1e6,
				percentile(sorted, 99) / 1e6, (sorted.length > 0 ? sorted[sorted.length - 1] : 0) / 1e6);
		System.exit(0);
	}

	private static int countArrived(Map<String, Long>[] arrivals, String seat) {
		int count = 0;
		for (Map<String, Long> subscriber : arrivals) {
			if (subscriber.containsKey(seat)) {
				count++;
			}
		}
		return count;
	}

	private static double percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

}
