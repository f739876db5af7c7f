package dev.stallkeeper.provisioning.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.platform.QuietLog;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.Activity;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.ResultCode;
import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceState;
import dev.stallkeeper.provisioning.domain.InvalidRequestException;
import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import dev.stallkeeper.platform.openapi.QueryOrderException;
import dev.stallkeeper.provisioning.infrastructure.ProvisioningStore;
import dev.stallkeeper.provisioning.spi.ProductSpec;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The KooGallery SaaS production interface (V2): one verified request in, one answer out.
 * Debug traffic ({@code testFlag=1}) is answered like production but never reads or writes production
 * records. Orchestrates short transactions; it holds none itself, so that slow provisioning never keeps a
 * transaction (or KooGallery) waiting.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProduceService {

    private static final Logger LOG = Logger.getLogger(ProduceService.class);
    /** While the database is away every call fails alike: one line each, a stack trace per cause a minute. */
    private static final QuietLog QUIET = QuietLog.errors(LOG);
    static final int MAX_QUERY_IDS = 100;
    static final Set<String> SCENES = Set.of("TRIAL_TO_FORMAL", "RENEWAL", "UNSUBSCRIBE_RENEWAL_PERIOD", "RENEWAL_CHANGE");

    @Inject
    ProvisioningStore store;

    @Inject
    InlineOrderLines inlineLines;

    @Inject
    WorkRunner runner;

    @Inject
    InstanceLifecycle lifecycle;

    @Inject
    AppPasswords passwords;

    @Inject
    OrderLines orderLines;

    @Inject
    ProvisioningWorker worker;

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    public ProduceResponse handle(ObjectNode body) {
        Activity activity;
        try {
            String activityName = Fields.optional(body, "activity", 32);
            activity = activityName == null ? null : Activity.fromWire(activityName).orElse(null);
            if (activity == null) {
                return ProduceResponse.of(ResultCode.INVALID_PARAM)
                        .message(activityName == null ? "activity is missing" : "unknown activity " + activityName);
            }
        } catch (InvalidRequestException e) {
            return ProduceResponse.of(ResultCode.INVALID_PARAM).message(e.getMessage());
        }
        try {
            boolean test = Fields.testFlag(body);
            return switch (activity) {
                case NEW_INSTANCE -> newInstance(body, test);
                case QUERY_INSTANCE -> queryInstance(body, test);
                case REFRESH_INSTANCE -> refreshInstance(body, test);
                case UPDATE_INSTANCE_STATUS -> updateInstanceStatus(body, test);
                case RELEASE_INSTANCE -> releaseInstance(body, test);
                case UPGRADE_INSTANCE -> upgradeInstance(body, test);
                case CHANGE_INSTANCE_CHECK -> changeInstanceCheck(body, test);
                case ORDER_NOTIFY -> orderNotify(body, test);
            };
        } catch (InvalidRequestException e) {
            return ProduceResponse.of(ResultCode.INVALID_PARAM).message(e.getMessage());
        } catch (QueryOrderException e) {
            LOG.warnf("%s failed: %s", activity.wireName(), e.getMessage());
            return ProduceResponse.of(ResultCode.INTERNAL_ERROR).message("order details not available yet; retry later");
        } catch (EJBException e) {
            QUIET.failure(activity.wireName() + " order " + body.path("orderId").asText("-") + " failed", e);
            return ProduceResponse.of(ResultCode.INTERNAL_ERROR);
        }
    }

    /**
     * The callback's part of one transaction that the caller holds (with the nonce claim and the audit row): answers
     * what can be answered inside it, or returns null, having written nothing, when the request needs the durable
     * path of {@link #handle} (an order line seen before, a Provisioner that is not quick, an activity with
     * background work). Parameter errors are answered here; any exception rolls the caller's transaction back.
     * When {@code busy}, a new order line is stored with its provisioning work due now and answered {@code 000004}
     * at once (the work poller provisions it), so that answers stay inside KooGallery's deadline under overload.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public ProduceResponse handleInTransaction(ObjectNode body, boolean busy) {
        Activity activity;
        try {
            String activityName = Fields.optional(body, "activity", 32);
            activity = activityName == null ? null : Activity.fromWire(activityName).orElse(null);
            if (activity == null || Fields.testFlag(body)) {
                return handle(body); // parameter errors and debug traffic: nothing to write
            }
        } catch (InvalidRequestException e) {
            return ProduceResponse.of(ResultCode.INVALID_PARAM).message(e.getMessage());
        }
        return switch (activity) {
            case QUERY_INSTANCE -> handle(body);
            case NEW_INSTANCE -> newInstanceInline(body, busy);
            default -> null;
        };
    }

    private ProduceResponse newInstanceInline(ObjectNode body, boolean busy) {
        NewInstanceRequest request;
        try {
            request = NewInstanceRequest.from(body);
        } catch (InvalidRequestException e) {
            return ProduceResponse.of(ResultCode.INVALID_PARAM).message(e.getMessage());
        }
        if (request.inlineLine() != null) {
            return null;
        }
        Instance instance = store.createInline(request.orderId(), request.orderLineId(), request.productKey(),
                request.businessId(), !busy).orElse(null);
        if (instance == null) {
            return null;
        }
        if (busy) {
            return ProduceResponse.of(ResultCode.PROCESSING).with("instanceId", instance.id());
        }
        // in this transaction: one connection per callback (a nested one would wait for a second under load)
        OrderLineSnapshot line = orderLines.fetchInCallerTransaction(request.orderId(), request.orderLineId(),
                request.productKey());
        if (!worker.provisionInline(instance, line)) {
            return null;
        }
        return ProduceResponse.of(ResultCode.SUCCESS).with("instanceId", instance.id());
    }

    private ProduceResponse newInstance(ObjectNode body, boolean test) {
        NewInstanceRequest request = NewInstanceRequest.from(body);
        if (test) {
            // Repeatable for the debug tool: the same order line always gets the same id; nothing is stored.
            String id = UUID.nameUUIDFromBytes((request.orderId() + "|" + request.orderLineId() + "|"
                    + request.productKey()).getBytes(StandardCharsets.UTF_8)).toString();
            return ProduceResponse.of(ResultCode.SUCCESS).with("instanceId", id);
        }
        if (request.inlineLine() != null) {
            try {
                inlineLines.remember(request.inlineLine());
            } catch (EJBException e) {
                LOG.debugf("Order line %s already known", request.orderLineId());
            }
        }
        ProvisioningStore.Created created = store.createOrGet(request.orderId(), request.orderLineId(),
                request.productKey(), request.businessId());
        Instance instance = created.instance();
        if (instance.state() == InstanceState.FAILED) {
            store.retryFailed(instance.id());
        }
        if (instance.state() != InstanceState.PROVISIONING && instance.state() != InstanceState.FAILED) {
            return answerFor(instance);
        }
        Instant deadline = clock.instant().plus(config.provisioningInlineBudget());
        if (created.claim() != null) {
            // This call created the instance and holds the first attempt's claim.
            if (runner.runWithin(created.claim(), config.provisioningInlineBudget())) {
                return ProduceResponse.of(ResultCode.SUCCESS).with("instanceId", instance.id());
            }
            // Waited the budget, or the node is saturated and the attempt went to the background: the work is
            // durable, so answer from one read instead of polling (polling every caller while saturated multiplied
            // the load exactly when there was none to spare).
            return answerFor(store.find(instance.id()).orElseThrow());
        } else if (created.provisionWorkId() != null) {
            // re-armed after a failure, or due again because the node that held it died: try it now
            runner.runWithin(created.provisionWorkId(), config.provisioningInlineBudget());
        }
        return answerFor(awaitSettled(instance.id(), deadline));
    }

    /** Waits (bounded) while another request of the same order line is provisioning it. */
    private Instance awaitSettled(String instanceId, Instant deadline) {
        Instance current = store.find(instanceId).orElseThrow();
        while (current.state() == InstanceState.PROVISIONING && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = store.find(instanceId).orElseThrow();
        }
        return current;
    }

    private static ProduceResponse answerFor(Instance instance) {
        ResultCode code = switch (instance.state()) {
            // A resend after release gets the answer the order line got (§1.6: same instanceId and result);
            // nothing is provisioned again.
            case ACTIVE, FROZEN, RELEASED -> ResultCode.SUCCESS;
            case PROVISIONING, FAILED -> ResultCode.PROCESSING;
        };
        return ProduceResponse.of(code).with("instanceId", instance.id());
    }

    private ProduceResponse queryInstance(ObjectNode body, boolean test) {
        String raw = Fields.optional(body, "instanceId", 64 * MAX_QUERY_IDS + MAX_QUERY_IDS);
        if (raw == null || raw.isBlank()) {
            throw new InvalidRequestException("instanceId is missing");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (id.length() > 64) {
                throw new InvalidRequestException("instanceId " + id.substring(0, 16) + "... is longer than 64 characters");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new InvalidRequestException("instanceId is missing");
        }
        if (raw.split(",", -1).length > MAX_QUERY_IDS) {
            throw new InvalidRequestException("at most " + MAX_QUERY_IDS + " instance ids per query");
        }
        ArrayNode info = JsonNodeFactory.instance.arrayNode();
        if (test) {
            for (String id : ids) {
                info.add(appInfo(id, config.frontEndUrlTemplate().replace("{instanceId}", id).replace("{tenant}", "debug"),
                        null, null, null, null));
            }
            return ProduceResponse.of(ResultCode.SUCCESS).with("info", info);
        }
        Map<String, Instance> found = new LinkedHashMap<>();
        lifecycle.find(new ArrayList<>(ids)).forEach(i -> found.put(i.id(), i));
        boolean pending = false;
        boolean failed = false;
        for (String id : ids) {
            Instance i = found.get(id);
            if (i == null) {
                continue;
            }
            switch (i.state()) {
                case ACTIVE, FROZEN -> info.add(appInfo(i.id(), i.frontEndUrl(), i.adminUrl(), i.appUserName(),
                        passwords.open(i.id(), i.appPassword()), i.appMemo()));
                case PROVISIONING -> pending = true;
                case FAILED -> failed = true;
                case RELEASED -> { }
            }
        }
        if (!info.isEmpty()) {
            return ProduceResponse.of(ResultCode.SUCCESS).with("info", info);
        }
        if (pending) {
            return ProduceResponse.of(ResultCode.PROCESSING);
        }
        if (failed) {
            return ProduceResponse.of(ResultCode.PROCESSING).message("provisioning failed; it is retried when newInstance is resent");
        }
        return ProduceResponse.of(ResultCode.INSTANCE_NOT_FOUND);
    }

    private static ObjectNode appInfo(String id, String frontEndUrl, String adminUrl, String userName,
                                      String password, String memo) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("instanceId", id);
        ObjectNode app = entry.putObject("appInfo");
        app.put("frontEndUrl", frontEndUrl);
        if (adminUrl != null) {
            app.put("adminUrl", adminUrl);
        }
        if (userName != null) {
            app.put("userName", userName);
        }
        if (password != null) {
            app.put("password", password);
        }
        if (memo != null) {
            app.put("memo", memo);
        }
        return entry;
    }

    private ProduceResponse refreshInstance(ObjectNode body, boolean test) {
        String instanceId = Fields.required(body, "instanceId", 64);
        String orderId = Fields.required(body, "orderId", 64);
        String orderLineId = Fields.required(body, "orderLineId", 64);
        String scene = Fields.required(body, "scene", 64);
        if (!SCENES.contains(scene)) {
            throw new InvalidRequestException("unknown scene " + scene);
        }
        String expireTime = Fields.required(body, "expireTime", 20);
        Instant expiresAt;
        try {
            expiresAt = KooTime.parseExpireTime(expireTime);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("expireTime must be yyyyMMddHHmmss[SSS] (UTC)");
        }
        String productId = Fields.optional(body, "productId", 64);
        if (test) {
            return ProduceResponse.of(ResultCode.SUCCESS);
        }
        return lifecycle.refresh(instanceId, orderId, orderLineId, scene, expiresAt, productId);
    }

    private ProduceResponse updateInstanceStatus(ObjectNode body, boolean test) {
        String instanceId = Fields.required(body, "instanceId", 64);
        String status = Fields.required(body, "status", 32);
        boolean freeze;
        switch (status) {
            case "FREEZE" -> freeze = true;
            case "UNFREEZE", "NORMAL" -> freeze = false;
            default -> throw new InvalidRequestException("status must be FREEZE or UNFREEZE");
        }
        if (test) {
            return ProduceResponse.of(ResultCode.SUCCESS);
        }
        return lifecycle.updateStatus(instanceId, freeze);
    }

    private ProduceResponse releaseInstance(ObjectNode body, boolean test) {
        String instanceId = Fields.required(body, "instanceId", 64);
        String orderId = Fields.optional(body, "orderId", 64);
        String orderLineId = Fields.optional(body, "orderLineId", 64);
        if (test) {
            return ProduceResponse.of(ResultCode.SUCCESS);
        }
        InstanceLifecycle.Released released = lifecycle.release(instanceId, orderId, orderLineId);
        if (released.releaseWorkId() != null) {
            runner.runWithin(released.releaseWorkId(), config.provisioningInlineBudget());
        }
        return released.response();
    }

    private ProduceResponse upgradeInstance(ObjectNode body, boolean test) {
        String instanceId = Fields.required(body, "instanceId", 64);
        String orderId = Fields.required(body, "orderId", 64);
        String orderLineId = Fields.required(body, "orderLineId", 64);
        if (test) {
            return ProduceResponse.of(ResultCode.SUCCESS);
        }
        return lifecycle.upgrade(instanceId, orderId, orderLineId);
    }

    private ProduceResponse changeInstanceCheck(ObjectNode body, boolean test) {
        String instanceId = Fields.required(body, "instanceId", 64);
        JsonNode product = body.get("productInfo");
        if (product == null || !product.isObject()) {
            throw new InvalidRequestException("productInfo is missing");
        }
        String productId = Fields.optional(product, "productId", 64);
        String skuCode = Fields.optional(product, "skuCode", 64);
        if (productId == null || productId.isEmpty() || skuCode == null || skuCode.isEmpty()) {
            throw new InvalidRequestException("productInfo.productId and productInfo.skuCode are required");
        }
        JsonNode linear = product.get("linearValue");
        Integer linearValue = null;
        if (linear != null && !linear.isNull()) {
            if (!linear.canConvertToInt() || (!linear.isIntegralNumber() && !linear.asText().matches("\\d{1,9}"))) {
                throw new InvalidRequestException("productInfo.linearValue must be a whole number");
            }
            linearValue = linear.isIntegralNumber() ? linear.intValue() : Integer.parseInt(linear.asText());
        }
        String productName = Fields.optional(product, "productName", 255);
        if (test) {
            return ProduceResponse.of(ResultCode.SUCCESS);
        }
        return lifecycle.checkChange(instanceId, new ProductSpec(productId, skuCode, linearValue, productName));
    }

    private ProduceResponse orderNotify(ObjectNode body, boolean test) {
        String orderId = Fields.required(body, "orderId", 64);
        String orderLineId = Fields.required(body, "orderLineId", 64);
        if (test) {
            return ProduceResponse.of(ResultCode.SUCCESS);
        }
        return lifecycle.orderNotified(orderId, orderLineId);
    }
}
