package dev.boxoffice.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import reactor.netty.http.server.ConnectionInfo;

/**
 * Who the client is when the service stands behind proxies. The address a request came
 * from is the client's, unless it is one of {@code BOXOFFICE_TRUSTED_PROXIES} (addresses
 * or CIDR blocks): then {@code X-Forwarded-For} is read from the right, skipping trusted
 * proxies, and the first address that is not one of them is the client. Anything to its
 * left was written by the client itself and is never believed, so no header can make one
 * client look like another to the per-address limits. {@code X-Forwarded-Proto} is taken
 * from a trusted proxy too.
 */
final class TrustedProxies implements BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo> {

	private final List<IpSubnetFilterRule> proxies;

	TrustedProxies(String commaSeparated) {
		this.proxies = Arrays.stream((commaSeparated == null) ? new String[0] : commaSeparated.split(","))
			.map(String::trim)
			.filter((entry) -> !entry.isEmpty())
			.map(TrustedProxies::rule)
			.toList();
	}

	/** {@code 10.0.0.0/8}, or a single address (a block of one). */
	private static IpSubnetFilterRule rule(String entry) {
		int slash = entry.indexOf('/');
		String address = (slash < 0) ? entry : entry.substring(0, slash);
		InetAddress parsed = literal(address);
		if (parsed == null) {
			throw new IllegalStateException("BOXOFFICE_TRUSTED_PROXIES: not an IP address or CIDR block: " + entry);
		}
		int bits = (parsed.getAddress().length == 4) ? 32 : 128;
		int prefix = (slash < 0) ? bits : Integer.parseInt(entry.substring(slash + 1));
		return new IpSubnetFilterRule(parsed, prefix, IpFilterRuleType.ACCEPT);
	}

	boolean isEmpty() {
		return this.proxies.isEmpty();
	}

	@Override
	public ConnectionInfo apply(ConnectionInfo connection, HttpRequest request) {
		InetSocketAddress peer = connection.getRemoteAddress();
		if (peer == null || !isTrusted(peer.getAddress())) {
			return connection;
		}
		ConnectionInfo resolved = connection;
		String forwardedFor = request.headers().get("X-Forwarded-For");
		if (forwardedFor != null) {
			InetAddress client = clientOf(forwardedFor.split(","));
			if (client != null) {
				resolved = resolved.withRemoteAddress(new InetSocketAddress(client, peer.getPort()));
			}
		}
		String proto = request.headers().get("X-Forwarded-Proto");
		if ("https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto)) {
			resolved = resolved.withScheme(proto.toLowerCase(java.util.Locale.ROOT));
		}
		return resolved;
	}

	/** The right-most address that is not a trusted proxy; the left-most if all are. */
	private InetAddress clientOf(String[] hops) {
		InetAddress leftMost = null;
		for (int i = hops.length - 1; i >= 0; i--) {
			InetAddress hop = literal(hops[i].trim());
			if (hop == null) {
				// Not an address: whatever lies to its left cannot be trusted either.
				return leftMost;
			}
			if (!isTrusted(hop)) {
				return hop;
			}
			leftMost = hop;
		}
		return leftMost;
	}

	private boolean isTrusted(InetAddress address) {
		InetSocketAddress socket = new InetSocketAddress(address, 0);
		return this.proxies.stream().anyMatch((proxy) -> proxy.matches(socket));
	}

	/** An IP literal, without ever asking DNS (which would block). */
	private static InetAddress literal(String text) {
		String bare = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		return NetUtil.createInetAddressFromIpAddressString(bare);
	}

}
