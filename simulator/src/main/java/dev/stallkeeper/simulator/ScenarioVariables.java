package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KooTime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${...}} expressions of scenario files:
 * <ul>
 *   <li>{@code ${run}}: a token unique to this run (12 upper-case hex digits), for order ids;</li>
 *   <li>{@code ${uuid}}: a fresh random UUID at every use (businessId, metering_sn);</li>
 *   <li>{@code ${time:+1y}}, {@code ${time17:-2d}}, {@code ${usage:-1h}}: now moved by an offset ({@code y M d h m s},
 *       one unit; {@code now} for none) as {@code yyyyMMddHHmmss}, {@code yyyyMMddHHmmssSSS} or
 *       {@code yyyyMMdd'T'HHmmss'Z'};</li>
 *   <li>{@code ${name}}: a value captured by an earlier step.</li>
 * </ul>
 * Thread-safe (repeated steps may run concurrently).
 */
final class ScenarioVariables {

    private static final Pattern EXPR = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern OFFSET = Pattern.compile("now|([+-])(\\d+)([yMdhms])");

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Clock clock;

    ScenarioVariables(String run, Clock clock) {
        this.clock = clock;
        values.put("run", run);
    }

    void put(String name, String value) {
        values.put(name, value);
    }

    String get(String name) {
        return values.get(name);
    }

    /** {@code text} with every expression replaced. */
    String expand(String text) {
        Matcher m = EXPR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1).trim())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A deep copy of {@code node} with every string expanded. */
    JsonNode expand(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(expand(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), expand(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.mapper().createArrayNode();
            node.forEach(n -> copy.add(expand(n)));
            return copy;
        }
        return node.deepCopy();
    }

    private String value(String expr) {
        if ("uuid".equals(expr)) {
            return UUID.randomUUID().toString();
        }
        int colon = expr.indexOf(':');
        if (colon > 0) {
            String format = expr.substring(0, colon);
            Instant at = offset(expr.substring(colon + 1).trim(), clock.instant());
            return switch (format) {
                case "time" -> KooTime.format14(at);
                case "time17" -> KooTime.format17(at);
                case "usage" -> KooTime.formatUsage(at);
                default -> throw new IllegalArgumentException("unknown time format '" + format
                        + "' in ${" + expr + "} (time, time17, usage)");
            };
        }
        String v = values.get(expr);
        if (v == null) {
            throw new IllegalArgumentException("${" + expr + "} is not defined (captured by no earlier step)");
        }
        return v;
    }

    /** {@code base} moved by an offset such as {@code +1y}, {@code -2d}, {@code now}. */
    static Instant offset(String text, Instant base) {
        Matcher m = OFFSET.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a time offset: '" + text + "' (e.g. +1y, +2M, -3d, +4h, now)");
        }
        if (m.group(1) == null) {
            return base;
        }
        long n = Long.parseLong(m.group(2)) * ("-".equals(m.group(1)) ? -1 : 1);
        ZonedDateTime t = base.atZone(ZoneOffset.UTC);
        ZonedDateTime moved = switch (m.group(3)) {
            case "y" -> t.plusYears(n);
            case "M" -> t.plusMonths(n);
            case "d" -> t.plusDays(n);
            case "h" -> t.plusHours(n);
            case "m" -> t.plusMinutes(n);
            default -> t.plusSeconds(n);
        };
        return moved.toInstant();
    }
}
