#include "server/billing/simulator/billingsimulator.h"

#include "server/auth/sessiontoken.h"
#include "server/billing/stripe/stripesignature.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

namespace Tenantry::Server {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BillingSimulator::InvoiceLine,
                                                id,
                                                amount,
                                                description,
                                                proration,
                                                periodStart,
                                                periodEnd,
                                                price,
                                                quantity)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    BillingSimulator::Customer, id, tenantId, name, email, created, paymentsSucceed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    BillingSimulator::Price, id, product, planId, unitAmount, currency, interval, created)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BillingSimulator::Subscription,
                                                id,
                                                item,
                                                customer,
                                                price,
                                                tenantId,
                                                quantity,
                                                status,
                                                created,
                                                periodStart,
                                                periodEnd,
                                                trialStart,
                                                trialEnd,
                                                trialWillEndSent,
                                                cancelAtPeriodEnd,
                                                canceledAt,
                                                endedAt,
                                                incompleteExpiresAt,
                                                latestInvoice,
                                                pendingItems)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BillingSimulator::Invoice,
                                                id,
                                                customer,
                                                subscription,
                                                status,
                                                amountDue,
                                                amountPaid,
                                                currency,
                                                periodStart,
                                                periodEnd,
                                                created,
                                                billingReason,
                                                attemptCount,
                                                nextPaymentAttempt,
                                                retries,
                                                finalizedAt,
                                                paidAt,
                                                lines)

namespace {

using Json = nlohmann::json;

constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kHour = 3'600;
// Stripe's classic retry schedule: the next attempt 3, 5 and 7 days after each failure.
constexpr std::array<std::int64_t, 3> kRetryDays = {3, 5, 7};
constexpr std::int64_t kIncompleteExpiry = 23 * kHour;
constexpr std::int64_t kTrialWillEnd = 3 * kDay;

Error rejected(std::string message, std::string param = {})
{
    return Error{"provider_rejected", std::move(message), std::move(param)};
}

Error noSuch(const std::string &what, const std::string &id)
{
    return Error{"not_found", "No such " + what + ": '" + id + "'", {}};
}

Error storageError(sqlite3 *db, const std::string &what)
{
    return Error{"provider_unavailable",
                 "The billing simulator's file failed (" + what + "): " + sqlite3_errmsg(db),
                 {}};
}

std::int64_t toSeconds(Timestamp time)
{
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

Timestamp fromSeconds(std::int64_t seconds)
{
    return Timestamp(std::chrono::seconds(seconds));
}

Json optionalTime(std::int64_t seconds)
{
    return seconds == 0 ? Json(nullptr) : Json(seconds);
}

std::int64_t addInterval(std::int64_t start, const std::string &interval)
{
    return toSeconds(addCalendarMonths(fromSeconds(start), interval == "year" ? 12 : 1));
}

// A statement that finalizes itself.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) != SQLITE_OK)
            m_statement = nullptr;
    }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_statement != nullptr; }
    sqlite3_stmt *get() const { return m_statement; }
    void bind(int index, const std::string &text)
    {
        sqlite3_bind_text(m_statement, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
    }
    void bind(int index, std::int64_t value) { sqlite3_bind_int64(m_statement, index, value); }
    int step() { return sqlite3_step(m_statement); }
    void reset()
    {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }
    std::string text(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return data ? std::string(data, std::size_t(sqlite3_column_bytes(m_statement, column)))
                    : std::string();
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(m_statement, column); }

private:
    sqlite3_stmt *m_statement = nullptr;
};

bool exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

} // namespace

BillingSimulator::BillingSimulator(Options options)
    : m_options(std::move(options))
{
    if (!m_options.wallClock)
        m_options.wallClock = [] { return std::chrono::system_clock::now(); };
}

BillingSimulator::~BillingSimulator()
{
    if (m_db)
        sqlite3_close(m_db);
}

Result<std::unique_ptr<BillingSimulator>> BillingSimulator::open(Options options)
{
    std::unique_ptr<BillingSimulator> simulator(new BillingSimulator(std::move(options)));
    std::error_code ignored; // sqlite3_open_v2 says what went wrong
    const std::filesystem::path folder = std::filesystem::path(simulator->m_options.path)
                                             .parent_path();
    if (!folder.empty())
        std::filesystem::create_directories(folder, ignored);
    const int opened = sqlite3_open_v2(simulator->m_options.path.c_str(),
                                       &simulator->m_db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                           | SQLITE_OPEN_FULLMUTEX,
                                       nullptr);
    if (opened != SQLITE_OK)
        return Error{"provider_unavailable",
                     "Cannot open the billing simulator's file " + simulator->m_options.path,
                     {}};
    if (Status loaded = simulator->load(); !loaded)
        return loaded.error();
    return simulator;
}

Status BillingSimulator::load()
{
    sqlite3_busy_timeout(m_db, 5000);
    if (!exec(m_db,
              "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
              "CREATE TABLE IF NOT EXISTS objects (kind TEXT NOT NULL, id TEXT NOT NULL, "
              "  body TEXT NOT NULL, PRIMARY KEY (kind, id));"
              "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
              "  body TEXT NOT NULL);"
              "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"))
        return storageError(m_db, "schema");

    Statement objects(m_db, "SELECT kind, id, body FROM objects");
    if (!objects.isValid())
        return storageError(m_db, "read");
    while (objects.step() == SQLITE_ROW) {
        const std::string kind = objects.text(0);
        const std::string id = objects.text(1);
        const Json body = Json::parse(objects.text(2), nullptr, false);
        if (body.is_discarded())
            return Error{"provider_unavailable", "The billing simulator's file is damaged", {}};
        if (kind == "customer")
            m_customers[id] = body.get<Customer>();
        else if (kind == "price")
            m_prices[id] = body.get<Price>();
        else if (kind == "subscription")
            m_subscriptions[id] = body.get<Subscription>();
        else if (kind == "invoice") {
            Invoice &invoice = m_invoices[id] = body.get<Invoice>();
            if (invoice.status == "open")
                m_openInvoices.insert(id);
        } else if (kind == "idempotency")
            m_idempotency[id] = Idempotent{body.value("operation", ""),
                                           body.value("response", Json()).dump()};
    }
    Statement events(m_db, "SELECT seq, body FROM events ORDER BY seq");
    if (!events.isValid())
        return storageError(m_db, "read");
    while (events.step() == SQLITE_ROW)
        m_events.push_back(PendingEvent{events.integer(0), events.text(1)});

    Statement clock(m_db, "SELECT value FROM meta WHERE key = 'frozen_time'");
    if (!clock.isValid())
        return storageError(m_db, "read");
    Statement lastEvent(m_db, "SELECT value FROM meta WHERE key = 'last_event_at'");
    if (lastEvent.isValid() && lastEvent.step() == SQLITE_ROW)
        m_lastEventAt = std::stoll(lastEvent.text(0));
    if (clock.step() == SQLITE_ROW) {
        m_clock = std::stoll(clock.text(0));
    } else {
        // A new test clock starts at the wall clock.
        m_clock = m_options.startAt ? toSeconds(*m_options.startAt)
                                    : std::chrono::duration_cast<std::chrono::seconds>(
                                          m_options.wallClock().time_since_epoch())
                                          .count();
        return flush();
    }
    return Ok{};
}

Status BillingSimulator::flush()
{
    if (!exec(m_db, "BEGIN IMMEDIATE"))
        return storageError(m_db, "begin");
    bool ok = true;
    {
        Statement upsert(m_db,
                         "INSERT INTO objects (kind, id, body) VALUES (?, ?, ?) "
                         "ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body");
        ok = upsert.isValid();
        for (const auto &[kind, id] : m_dirty) {
            if (!ok)
                break;
            Json body;
            if (kind == "customer")
                body = m_customers.at(id);
            else if (kind == "price")
                body = m_prices.at(id);
            else if (kind == "subscription")
                body = m_subscriptions.at(id);
            else if (kind == "invoice")
                body = m_invoices.at(id);
            else
                body = Json{{"operation", m_idempotency.at(id).operation},
                            {"response", Json::parse(m_idempotency.at(id).response)}};
            upsert.bind(1, kind);
            upsert.bind(2, id);
            upsert.bind(3, body.dump());
            ok = upsert.step() == SQLITE_DONE;
            upsert.reset();
        }
        Statement insertEvent(m_db, "INSERT INTO events (body) VALUES (?)");
        ok = ok && insertEvent.isValid();
        for (PendingEvent &event : m_events) {
            if (!ok)
                break;
            if (event.seq != 0)
                continue;
            insertEvent.bind(1, event.body);
            ok = insertEvent.step() == SQLITE_DONE;
            insertEvent.reset();
            event.seq = sqlite3_last_insert_rowid(m_db);
        }
        Statement meta(m_db,
                       "INSERT INTO meta (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        ok = ok && meta.isValid();
        for (const auto &[key, value] :
             {std::pair{"frozen_time", m_clock}, std::pair{"last_event_at", m_lastEventAt}}) {
            if (!ok)
                break;
            meta.bind(1, std::string(key));
            meta.bind(2, std::to_string(value));
            ok = meta.step() == SQLITE_DONE;
            meta.reset();
        }
    }
    if (!ok || !exec(m_db, "COMMIT")) {
        const Error error = storageError(m_db, "write");
        exec(m_db, "ROLLBACK");
        return error;
    }
    m_dirty.clear();
    return Ok{};
}

std::string BillingSimulator::newId(std::string_view prefix) const
{
    return SessionToken::newId(prefix);
}

std::string BillingSimulator::signatureHeader(const std::string &secret,
                                              std::int64_t timestamp,
                                              const std::string &body)
{
    return "t=" + std::to_string(timestamp)
           + ",v1=" + StripeSignature::sign(secret, timestamp, body);
}

// --- JSON in Stripe's shapes ------------------------------------------------------------------

Json BillingSimulator::priceJson(const Price &price) const
{
    return Json{{"id", price.id},
                {"object", "price"},
                {"active", true},
                {"billing_scheme", "per_unit"},
                {"created", price.created},
                {"currency", price.currency},
                {"livemode", false},
                {"lookup_key", nullptr},
                {"metadata", {{"plan_id", price.planId}}},
                {"nickname", nullptr},
                {"product", price.product},
                {"recurring",
                 {{"interval", price.interval},
                  {"interval_count", 1},
                  {"meter", nullptr},
                  {"usage_type", "licensed"},
                  {"trial_period_days", nullptr}}},
                {"tax_behavior", "unspecified"},
                {"type", "recurring"},
                {"unit_amount", price.unitAmount},
                {"unit_amount_decimal", std::to_string(price.unitAmount)}};
}

Json BillingSimulator::subscriptionJson(const Subscription &subscription) const
{
    const Price &price = m_prices.at(subscription.price);
    const Json item = {{"id", subscription.item},
                       {"object", "subscription_item"},
                       {"created", subscription.created},
                       {"current_period_start", subscription.periodStart},
                       {"current_period_end", subscription.periodEnd},
                       {"discounts", Json::array()},
                       {"metadata", Json::object()},
                       {"price", priceJson(price)},
                       {"quantity", subscription.quantity},
                       {"subscription", subscription.id},
                       {"tax_rates", Json::array()}};
    return Json{{"id", subscription.id},
                {"object", "subscription"},
                {"billing_cycle_anchor",
                 subscription.trialEnd ? subscription.trialEnd : subscription.created},
                {"cancel_at",
                 subscription.cancelAtPeriodEnd ? Json(subscription.periodEnd) : Json(nullptr)},
                {"cancel_at_period_end", subscription.cancelAtPeriodEnd},
                {"canceled_at", optionalTime(subscription.canceledAt)},
                {"collection_method", "charge_automatically"},
                {"created", subscription.created},
                {"currency", price.currency},
                {"current_period_start", subscription.periodStart},
                {"current_period_end", subscription.periodEnd},
                {"customer", subscription.customer},
                {"ended_at", optionalTime(subscription.endedAt)},
                {"items",
                 {{"object", "list"},
                  {"data", Json::array({item})},
                  {"has_more", false},
                  {"url", "/v1/subscription_items?subscription=" + subscription.id}}},
                {"latest_invoice",
                 subscription.latestInvoice.empty() ? Json(nullptr)
                                                    : Json(subscription.latestInvoice)},
                {"livemode", false},
                {"metadata", {{"tenant_id", subscription.tenantId}}},
                {"status", subscription.status},
                {"test_clock", "clock_simulator"},
                {"trial_end", optionalTime(subscription.trialEnd)},
                {"trial_start", optionalTime(subscription.trialStart)}};
}

Json BillingSimulator::invoiceJson(const Invoice &invoice) const
{
    Json lines = Json::array();
    for (const InvoiceLine &line : invoice.lines)
        lines.push_back(
            {{"id", line.id},
             {"object", "line_item"},
             {"amount", line.amount},
             {"currency", invoice.currency},
             {"description", line.description},
             {"invoice", invoice.id},
             {"livemode", false},
             {"period", {{"start", line.periodStart}, {"end", line.periodEnd}}},
             {"pricing", {{"type", "price_details"}, {"price_details", {{"price", line.price}}}}},
             {"quantity", line.quantity},
             {"subscription", invoice.subscription},
             {"parent",
              {{"type", "subscription_item_details"},
               {"subscription_item_details",
                {{"proration", line.proration}, {"subscription", invoice.subscription}}}}}});
    return Json{{"id", invoice.id},
                {"object", "invoice"},
                {"amount_due", invoice.amountDue},
                {"amount_paid", invoice.amountPaid},
                {"amount_remaining", invoice.amountDue - invoice.amountPaid},
                {"attempt_count", invoice.attemptCount},
                {"attempted", invoice.attemptCount > 0},
                {"auto_advance", invoice.status == "open" || invoice.status == "draft"},
                {"billing_reason", invoice.billingReason},
                {"collection_method", "charge_automatically"},
                {"created", invoice.created},
                {"currency", invoice.currency},
                {"customer", invoice.customer},
                {"lines",
                 {{"object", "list"},
                  {"data", std::move(lines)},
                  {"has_more", false},
                  {"url", "/v1/invoices/" + invoice.id + "/lines"}}},
                {"livemode", false},
                {"next_payment_attempt", optionalTime(invoice.nextPaymentAttempt)},
                {"parent",
                 {{"type", "subscription_details"},
                  {"subscription_details",
                   {{"metadata", Json::object()}, {"subscription", invoice.subscription}}}}},
                {"period_start", invoice.periodStart},
                {"period_end", invoice.periodEnd},
                {"status", invoice.status},
                {"status_transitions",
                 {{"finalized_at", optionalTime(invoice.finalizedAt)},
                  {"paid_at", optionalTime(invoice.paidAt)},
                  {"marked_uncollectible_at", nullptr},
                  {"voided_at", nullptr}}},
                {"subscription", invoice.subscription},
                {"subtotal", invoice.amountDue},
                {"total", invoice.amountDue}};
}

void BillingSimulator::emitEvent(const std::string &type, Json object)
{
    const Json event = {{"id", newId("evt_")},
                        {"object", "event"},
                        {"api_version", "2025-03-31.basil"},
                        {"created", m_clock},
                        {"data", {{"object", std::move(object)}}},
                        {"livemode", false},
                        {"pending_webhooks", 1},
                        {"request", {{"id", nullptr}, {"idempotency_key", nullptr}}},
                        {"type", type}};
    m_events.push_back(PendingEvent{0, event.dump()});
    ++m_emitted;
    m_lastEventAt = m_clock;
}

void BillingSimulator::emitSubscription(const std::string &type, const Subscription &subscription)
{
    emitEvent(type, subscriptionJson(subscription));
}

void BillingSimulator::emitInvoice(const std::string &type, const Invoice &invoice)
{
    emitEvent(type, invoiceJson(invoice));
}

// --- Idempotency --------------------------------------------------------------------------------

Result<Json> BillingSimulator::once(const std::string &operation,
                                    const std::string &idempotencyKey,
                                    const std::function<Result<Json>()> &action,
                                    bool emits)
{
    if (!idempotencyKey.empty()) {
        const auto known = m_idempotency.find(idempotencyKey);
        if (known != m_idempotency.end()) {
            if (known->second.operation != operation)
                return rejected("Keys for idempotent requests can only be used with the same "
                                "parameters they were first used with (key "
                                + idempotencyKey + ")");
            const Json response = Json::parse(known->second.response, nullptr, false);
            if (response.contains("error"))
                return Error{response["error"].value("code", "provider_rejected"),
                             response["error"].value("message", ""),
                             {}};
            return response["ok"];
        }
    }
    const std::size_t eventsBefore = m_events.size();
    if (emits)
        tick();
    Result<Json> result = action();
    // A failure of the simulator's file is not an answer: the key stays free for a retry.
    if (!result && result.error().code == "provider_unavailable")
        return result;
    if (!idempotencyKey.empty()) {
        m_idempotency[idempotencyKey] = Idempotent{
            operation,
            (result ? Json{{"ok", *result}}
                    : Json{{"error",
                            {{"code", result.error().code}, {"message", result.error().message}}}})
                .dump()};
        m_dirty.emplace("idempotency", idempotencyKey);
    }
    if (Status flushed = flush(); !flushed) {
        m_events.resize(eventsBefore);
        return flushed.error();
    }
    return result;
}

Result<StripeSubscription> BillingSimulator::subscriptionResult(Result<Json> result)
{
    if (!result)
        return result.error();
    return StripeSubscription::read(*result);
}

Result<BillingSimulator::Subscription *> BillingSimulator::findLive(const std::string &subscriptionId)
{
    const auto found = m_subscriptions.find(subscriptionId);
    if (found == m_subscriptions.end())
        return noSuch("subscription", subscriptionId);
    const std::string &status = found->second.status;
    if (status == "canceled" || status == "incomplete_expired")
        return rejected("A canceled subscription can only update its cancellation_details and "
                        "metadata");
    return &found->second;
}

// --- The provider's operations ----------------------------------------------------------------

Result<std::string> BillingSimulator::createCustomer(const CustomerDraft &draft,
                                                     const std::string &idempotencyKey)
{
    Result<Json> result = [&] {
        const std::lock_guard lock(m_mutex);
        return once(
            "customer",
            idempotencyKey,
            [&]() -> Result<Json> {
                Customer customer{
                    newId("cus_"), draft.tenantId, draft.name, draft.email, m_clock, true};
                m_dirty.emplace("customer", customer.id);
                const std::string id = customer.id;
                m_customers.emplace(id, std::move(customer));
                return Json(id);
            },
            false);
    }();
    if (!result)
        return result.error();
    return result->get<std::string>();
}

Result<std::string> BillingSimulator::createPrice(const Plan &plan,
                                                  const std::string &idempotencyKey)
{
    Result<Json> result = [&] {
        const std::lock_guard lock(m_mutex);
        return once(
            "price",
            idempotencyKey,
            [&]() -> Result<Json> {
                if (plan.price.amount() < 0)
                    return rejected("This value must be greater than or equal to 0", "unit_amount");
                Price price{newId("price_"),
                            newId("prod_"),
                            plan.id,
                            plan.price.amount(),
                            plan.price.currency().toString(),
                            std::string(toString(plan.interval)),
                            m_clock};
                m_dirty.emplace("price", price.id);
                const std::string id = price.id;
                m_prices.emplace(id, std::move(price));
                return Json(id);
            },
            false);
    }();
    if (!result)
        return result.error();
    return result->get<std::string>();
}

void BillingSimulator::beginPeriod(Subscription &subscription, std::int64_t start)
{
    subscription.periodStart = start;
    subscription.periodEnd = addInterval(start, m_prices.at(subscription.price).interval);
}

BillingSimulator::Invoice &BillingSimulator::createInvoice(Subscription &subscription,
                                                           const std::string &reason,
                                                           bool retries,
                                                           std::int64_t periodStart,
                                                           std::int64_t periodEnd)
{
    const Price &price = m_prices.at(subscription.price);
    Invoice invoice;
    invoice.id = newId("in_");
    invoice.customer = subscription.customer;
    invoice.subscription = subscription.id;
    invoice.status = "draft";
    invoice.currency = price.currency;
    invoice.periodStart = periodStart;
    invoice.periodEnd = periodEnd;
    invoice.created = m_clock;
    invoice.billingReason = reason;
    invoice.retries = retries;
    invoice.lines.push_back(InvoiceLine{newId("il_"),
                                        price.unitAmount * subscription.quantity,
                                        std::to_string(subscription.quantity) + " × " + price.id,
                                        false,
                                        subscription.periodStart,
                                        subscription.periodEnd,
                                        price.id,
                                        subscription.quantity});
    for (InvoiceLine &line : subscription.pendingItems)
        invoice.lines.push_back(std::move(line));
    subscription.pendingItems.clear();
    for (const InvoiceLine &line : invoice.lines)
        invoice.amountDue += line.amount;
    invoice.amountDue = std::max<std::int64_t>(invoice.amountDue, 0);
    subscription.latestInvoice = invoice.id;
    m_dirty.emplace("invoice", invoice.id);
    m_dirty.emplace("subscription", subscription.id);
    const std::string id = invoice.id;
    Invoice &stored = m_invoices.emplace(id, std::move(invoice)).first->second;
    emitInvoice("invoice.created", stored);
    return stored;
}

bool BillingSimulator::attemptPayment(Invoice &invoice)
{
    m_dirty.emplace("invoice", invoice.id);
    const Customer &customer = m_customers.at(invoice.customer);
    invoice.attemptCount += 1;
    if (customer.paymentsSucceed || invoice.amountDue == 0) {
        invoice.status = "paid";
        m_openInvoices.erase(invoice.id);
        invoice.amountPaid = invoice.amountDue;
        invoice.paidAt = m_clock;
        invoice.nextPaymentAttempt = 0;
        emitInvoice("invoice.paid", invoice);
        emitInvoice("invoice.payment_succeeded", invoice);
        return true;
    }
    const std::size_t failures = std::size_t(invoice.attemptCount);
    invoice.nextPaymentAttempt = invoice.retries && failures <= kRetryDays.size()
                                     ? m_clock + kRetryDays[failures - 1] * kDay
                                     : 0;
    emitInvoice("invoice.payment_failed", invoice);
    return false;
}

bool BillingSimulator::finalizeAndPay(Invoice &invoice)
{
    invoice.status = "open";
    m_openInvoices.insert(invoice.id);
    invoice.finalizedAt = m_clock;
    emitInvoice("invoice.finalized", invoice);
    return attemptPayment(invoice);
}

bool BillingSimulator::hasOpenInvoice(const Subscription &subscription) const
{
    return std::any_of(m_openInvoices.begin(), m_openInvoices.end(), [&](const std::string &id) {
        return m_invoices.at(id).subscription == subscription.id;
    });
}

void BillingSimulator::endSubscription(Subscription &subscription)
{
    subscription.status = "canceled";
    subscription.cancelAtPeriodEnd = false;
    if (subscription.canceledAt == 0)
        subscription.canceledAt = m_clock;
    subscription.endedAt = m_clock;
    m_dirty.emplace("subscription", subscription.id);
    // Open invoices stop being collected.
    for (const std::string &id : m_openInvoices) {
        Invoice &invoice = m_invoices.at(id);
        if (invoice.subscription == subscription.id) {
            invoice.nextPaymentAttempt = 0;
            m_dirty.emplace("invoice", id);
        }
    }
    emitSubscription("customer.subscription.deleted", subscription);
}

Result<StripeSubscription> BillingSimulator::createSubscription(const SubscriptionDraft &draft,
                                                                const std::string &idempotencyKey)
{
    Result<Json> result = [&] {
        const std::lock_guard lock(m_mutex);
        m_emitted = 0;
        return once("subscription.create", idempotencyKey, [&]() -> Result<Json> {
            if (!m_customers.contains(draft.customerId))
                return rejected("No such customer: '" + draft.customerId + "'", "customer");
            if (!m_prices.contains(draft.priceId))
                return rejected("No such price: '" + draft.priceId + "'", "items[0][price]");
            if (draft.quantity < 1)
                return rejected("Quantity must be at least 1", "items[0][quantity]");
            if (draft.trialDays < 0 || draft.trialDays > 730)
                return rejected("trial_period_days must be from 0 to 730", "trial_period_days");
            Subscription subscription;
            subscription.id = newId("sub_");
            subscription.item = newId("si_");
            subscription.customer = draft.customerId;
            subscription.price = draft.priceId;
            subscription.tenantId = draft.tenantId;
            subscription.quantity = draft.quantity;
            subscription.created = m_clock;
            m_dirty.emplace("subscription", subscription.id);
            Subscription &stored = m_subscriptions.emplace(subscription.id, subscription)
                                       .first->second;
            if (draft.trialDays > 0) {
                stored.status = "trialing";
                stored.trialStart = m_clock;
                stored.trialEnd = m_clock + draft.trialDays * kDay;
                stored.periodStart = m_clock;
                stored.periodEnd = stored.trialEnd;
                emitSubscription("customer.subscription.created", stored);
                return subscriptionJson(stored);
            }
            beginPeriod(stored, m_clock);
            // The first invoice is paid within the request (default_incomplete with a payment
            // method that works): the created event already shows the outcome, as Stripe's.
            stored.status = "incomplete";
            std::vector<PendingEvent> invoiceEvents;
            const std::size_t mark = m_events.size();
            Invoice &invoice = createInvoice(stored,
                                             "subscription_create",
                                             false,
                                             stored.periodStart,
                                             stored.periodEnd);
            const bool paid = finalizeAndPay(invoice);
            invoiceEvents.assign(m_events.begin() + std::ptrdiff_t(mark), m_events.end());
            m_events.resize(mark);
            if (paid)
                stored.status = "active";
            else
                stored.incompleteExpiresAt = m_clock + kIncompleteExpiry;
            emitSubscription("customer.subscription.created", stored);
            for (PendingEvent &event : invoiceEvents)
                m_events.push_back(std::move(event));
            return subscriptionJson(stored);
        });
    }();
    notifyIfPending();
    return subscriptionResult(std::move(result));
}

Result<StripeSubscription> BillingSimulator::changeSubscription(const std::string &subscriptionId,
                                                                const std::string &priceId,
                                                                std::int64_t quantity,
                                                                const std::string &idempotencyKey)
{
    Result<Json> result = [&] {
        const std::lock_guard lock(m_mutex);
        return once("subscription.change", idempotencyKey, [&]() -> Result<Json> {
            Result<Subscription *> found = findLive(subscriptionId);
            if (!found)
                return found.error();
            Subscription &subscription = **found;
            const auto price = m_prices.find(priceId);
            if (price == m_prices.end())
                return rejected("No such price: '" + priceId + "'", "items[0][price]");
            if (quantity < 1)
                return rejected("Quantity must be at least 1", "items[0][quantity]");
            const Price &oldPrice = m_prices.at(subscription.price);
            if (price->second.currency != oldPrice.currency)
                return rejected("The price's currency must match the subscription's ("
                                    + oldPrice.currency + ")",
                                "items[0][price]");
            if (priceId == subscription.price && quantity == subscription.quantity)
                return subscriptionJson(subscription);
            const bool prorate = subscription.status == "active"
                                 || subscription.status == "past_due";
            const std::int64_t length = subscription.periodEnd - subscription.periodStart;
            if (prorate && length > 0 && subscription.periodEnd > m_clock) {
                const double unused = double(subscription.periodEnd - m_clock) / double(length);
                const auto share = [unused](std::int64_t amount) {
                    return std::int64_t(std::llround(double(amount) * unused));
                };
                subscription.pendingItems.push_back(
                    InvoiceLine{newId("il_"),
                                -share(oldPrice.unitAmount * subscription.quantity),
                                "Unused time on " + oldPrice.id,
                                true,
                                m_clock,
                                subscription.periodEnd,
                                oldPrice.id,
                                subscription.quantity});
                subscription.pendingItems.push_back(
                    InvoiceLine{newId("il_"),
                                share(price->second.unitAmount * quantity),
                                "Remaining time on " + priceId,
                                true,
                                m_clock,
                                subscription.periodEnd,
                                priceId,
                                quantity});
            }
            subscription.price = priceId;
            subscription.quantity = quantity;
            m_dirty.emplace("subscription", subscription.id);
            emitSubscription("customer.subscription.updated", subscription);
            return subscriptionJson(subscription);
        });
    }();
    notifyIfPending();
    return subscriptionResult(std::move(result));
}

Result<StripeSubscription> BillingSimulator::cancelSubscription(const std::string &subscriptionId,
                                                                bool atPeriodEnd,
                                                                const std::string &idempotencyKey)
{
    Result<Json> result = [&] {
        const std::lock_guard lock(m_mutex);
        return once(atPeriodEnd ? "subscription.cancel_at_period_end" : "subscription.cancel",
                    idempotencyKey,
                    [&]() -> Result<Json> {
                        Result<Subscription *> found = findLive(subscriptionId);
                        if (!found)
                            return found.error();
                        Subscription &subscription = **found;
                        if (!atPeriodEnd) {
                            endSubscription(subscription);
                        } else if (!subscription.cancelAtPeriodEnd) {
                            subscription.cancelAtPeriodEnd = true;
                            subscription.canceledAt = m_clock; // Stripe sets it at the request
                            m_dirty.emplace("subscription", subscription.id);
                            emitSubscription("customer.subscription.updated", subscription);
                        }
                        return subscriptionJson(subscription);
                    });
    }();
    notifyIfPending();
    return subscriptionResult(std::move(result));
}

Result<StripeSubscription> BillingSimulator::resumeSubscription(const std::string &subscriptionId,
                                                                const std::string &idempotencyKey)
{
    Result<Json> result = [&] {
        const std::lock_guard lock(m_mutex);
        return once("subscription.resume", idempotencyKey, [&]() -> Result<Json> {
            Result<Subscription *> found = findLive(subscriptionId);
            if (!found)
                return found.error();
            Subscription &subscription = **found;
            if (subscription.cancelAtPeriodEnd) {
                subscription.cancelAtPeriodEnd = false;
                subscription.canceledAt = 0;
                m_dirty.emplace("subscription", subscription.id);
                emitSubscription("customer.subscription.updated", subscription);
            }
            return subscriptionJson(subscription);
        });
    }();
    notifyIfPending();
    return subscriptionResult(std::move(result));
}

Result<StripeSubscription> BillingSimulator::extendTrial(const std::string &subscriptionId,
                                                         Timestamp trialEnd,
                                                         const std::string &idempotencyKey)
{
    Result<Json> result = [&] {
        const std::lock_guard lock(m_mutex);
        return once("subscription.trial_end", idempotencyKey, [&]() -> Result<Json> {
            Result<Subscription *> found = findLive(subscriptionId);
            if (!found)
                return found.error();
            Subscription &subscription = **found;
            if (subscription.status != "trialing")
                return rejected("Only a trialing subscription can have its trial_end moved here",
                                "trial_end");
            const std::int64_t end = toSeconds(trialEnd);
            if (end <= m_clock)
                return rejected("trial_end must be in the future", "trial_end");
            subscription.trialEnd = end;
            subscription.periodEnd = end;
            subscription.trialWillEndSent = false;
            m_dirty.emplace("subscription", subscription.id);
            emitSubscription("customer.subscription.updated", subscription);
            return subscriptionJson(subscription);
        });
    }();
    notifyIfPending();
    return subscriptionResult(std::move(result));
}

Result<StripeSubscription> BillingSimulator::retrieveSubscription(const std::string &subscriptionId)
{
    const std::lock_guard lock(m_mutex);
    const auto found = m_subscriptions.find(subscriptionId);
    if (found == m_subscriptions.end())
        return noSuch("subscription", subscriptionId);
    return StripeSubscription::read(subscriptionJson(found->second));
}

Result<BillingProvider::SubscriptionPage> BillingSimulator::listSubscriptions(
    const std::optional<std::string> &startingAfter, int limit)
{
    const std::lock_guard lock(m_mutex);
    SubscriptionPage page;
    auto it = startingAfter ? m_subscriptions.upper_bound(*startingAfter) : m_subscriptions.begin();
    for (; it != m_subscriptions.end(); ++it) {
        if (int(page.data.size()) >= std::max(limit, 1)) {
            page.hasMore = true;
            break;
        }
        Result<StripeSubscription> read = StripeSubscription::read(subscriptionJson(it->second));
        if (!read)
            return read.error();
        page.data.push_back(std::move(read).value());
    }
    return page;
}

// --- The test clock ---------------------------------------------------------------------------

Timestamp BillingSimulator::frozenTime() const
{
    const std::lock_guard lock(m_mutex);
    return fromSeconds(m_clock);
}

std::int64_t BillingSimulator::nextDue(std::int64_t limit) const
{
    std::int64_t due = 0;
    const auto consider = [&](std::int64_t at) {
        if (at != 0 && at <= limit && (due == 0 || at < due))
            due = at;
    };
    for (const auto &[id, subscription] : m_subscriptions) {
        const std::string &status = subscription.status;
        if (status == "incomplete") {
            consider(subscription.incompleteExpiresAt);
        } else if (status == "trialing") {
            if (!subscription.trialWillEndSent
                && subscription.trialEnd - subscription.trialStart >= kTrialWillEnd)
                consider(std::max(subscription.trialEnd - kTrialWillEnd, m_clock));
            consider(subscription.trialEnd);
        } else if (status == "active" || status == "past_due") {
            consider(subscription.periodEnd);
        }
    }
    for (const std::string &id : m_openInvoices)
        consider(m_invoices.at(id).nextPaymentAttempt);
    return due;
}

void BillingSimulator::runDue(std::int64_t at)
{
    // Invoices retried now (before renewals: a period's debt is settled first). A copy of the
    // open ones: a payment takes its invoice out of the set.
    const std::vector<std::string> retried(m_openInvoices.begin(), m_openInvoices.end());
    for (const std::string &id : retried) {
        Invoice &invoice = m_invoices.at(id);
        if (invoice.nextPaymentAttempt == 0 || invoice.nextPaymentAttempt > at)
            continue;
        Subscription &subscription = m_subscriptions.at(invoice.subscription);
        const bool paid = attemptPayment(invoice);
        if (paid) {
            if (subscription.status == "past_due" && !hasOpenInvoice(subscription)) {
                subscription.status = "active";
                m_dirty.emplace("subscription", subscription.id);
                emitSubscription("customer.subscription.updated", subscription);
            }
        } else if (invoice.nextPaymentAttempt == 0 && subscription.status == "past_due") {
            if (m_options.cancelAfterFailedRetries) {
                endSubscription(subscription);
            } else {
                subscription.status = "unpaid";
                m_dirty.emplace("subscription", subscription.id);
                emitSubscription("customer.subscription.updated", subscription);
            }
        }
    }

    for (auto &[id, subscription] : m_subscriptions) {
        const std::string status = subscription.status;
        if (status == "incomplete" && subscription.incompleteExpiresAt != 0
            && subscription.incompleteExpiresAt <= at) {
            subscription.status = "incomplete_expired";
            subscription.endedAt = at;
            for (auto open = m_openInvoices.begin(); open != m_openInvoices.end();) {
                Invoice &invoice = m_invoices.at(*open);
                if (invoice.subscription != id) {
                    ++open;
                    continue;
                }
                invoice.status = "void";
                invoice.nextPaymentAttempt = 0;
                m_dirty.emplace("invoice", *open);
                open = m_openInvoices.erase(open);
            }
            m_dirty.emplace("subscription", id);
            emitSubscription("customer.subscription.updated", subscription);
            continue;
        }
        if (status == "trialing") {
            if (!subscription.trialWillEndSent
                && subscription.trialEnd - subscription.trialStart >= kTrialWillEnd
                && subscription.trialEnd - kTrialWillEnd <= at) {
                subscription.trialWillEndSent = true;
                m_dirty.emplace("subscription", id);
                emitSubscription("customer.subscription.trial_will_end", subscription);
            }
            if (subscription.trialEnd <= at) {
                if (subscription.cancelAtPeriodEnd) {
                    endSubscription(subscription);
                    continue;
                }
                beginPeriod(subscription, subscription.trialEnd);
                Invoice &invoice = createInvoice(subscription,
                                                 "subscription_cycle",
                                                 true,
                                                 subscription.periodStart,
                                                 subscription.periodEnd);
                subscription.status = finalizeAndPay(invoice) ? "active" : "past_due";
                emitSubscription("customer.subscription.updated", subscription);
            }
            continue;
        }
        if ((status == "active" || status == "past_due") && subscription.periodEnd <= at) {
            if (subscription.cancelAtPeriodEnd) {
                endSubscription(subscription);
                continue;
            }
            beginPeriod(subscription, subscription.periodEnd);
            Invoice &invoice = createInvoice(subscription,
                                             "subscription_cycle",
                                             true,
                                             subscription.periodStart,
                                             subscription.periodEnd);
            const bool paid = finalizeAndPay(invoice);
            subscription.status = paid && !hasOpenInvoice(subscription) ? "active" : "past_due";
            emitSubscription("customer.subscription.updated", subscription);
        }
    }
}

Status BillingSimulator::startClockAt(Timestamp at)
{
    const std::lock_guard lock(m_mutex);
    if (!m_customers.empty() || !m_prices.empty() || !m_subscriptions.empty())
        return Error{"invalid_state",
                     "The test clock can be moved only while the simulator holds no objects",
                     {}};
    m_clock = toSeconds(at);
    m_lastEventAt = 0;
    return flush();
}

Result<std::int64_t> BillingSimulator::advance(Timestamp to)
{
    std::int64_t emitted = 0;
    {
        const std::lock_guard lock(m_mutex);
        const std::int64_t target = toSeconds(to);
        if (target < m_clock)
            return Error{"invalid_value",
                         "The test clock can only move forward (it is at "
                             + formatRfc3339(fromSeconds(m_clock)) + ")",
                         "to"};
        const std::size_t eventsBefore = m_events.size();
        const std::int64_t clockBefore = m_clock;
        m_emitted = 0;
        for (std::int64_t due = nextDue(target); due != 0; due = nextDue(target)) {
            m_clock = std::max(m_clock, due);
            runDue(m_clock);
        }
        m_clock = target;
        emitted = m_emitted;
        if (Status flushed = flush(); !flushed) {
            // Nothing of the advance stays in memory either: reload what the file holds.
            m_events.resize(eventsBefore);
            m_clock = clockBefore;
            m_customers.clear();
            m_prices.clear();
            m_subscriptions.clear();
            m_invoices.clear();
            m_openInvoices.clear();
            m_idempotency.clear();
            m_events.clear();
            m_dirty.clear();
            (void) load();
            return flushed.error();
        }
    }
    if (emitted > 0)
        notifyIfPending();
    return emitted;
}

Status BillingSimulator::setPaymentOutcome(const std::string &customerId, bool succeeds)
{
    bool emitted = false;
    {
        const std::lock_guard lock(m_mutex);
        const auto found = m_customers.find(customerId);
        if (found == m_customers.end())
            return noSuch("customer", customerId);
        tick();
        found->second.paymentsSucceed = succeeds;
        m_dirty.emplace("customer", customerId);
        if (succeeds) {
            // The customer confirms the payment of an incomplete subscription's first invoice.
            for (auto &[id, subscription] : m_subscriptions) {
                if (subscription.customer != customerId || subscription.status != "incomplete")
                    continue;
                const auto invoice = m_invoices.find(subscription.latestInvoice);
                if (invoice == m_invoices.end() || invoice->second.status != "open")
                    continue;
                attemptPayment(invoice->second);
                subscription.status = "active";
                subscription.incompleteExpiresAt = 0;
                m_dirty.emplace("subscription", id);
                emitSubscription("customer.subscription.updated", subscription);
                emitted = true;
            }
        }
        if (Status flushed = flush(); !flushed)
            return flushed.error();
    }
    if (emitted)
        notifyIfPending();
    return Ok{};
}

Status BillingSimulator::importObjects(const Import &objects)
{
    const std::lock_guard lock(m_mutex);
    for (const Import::ImportedCustomer &customer : objects.customers) {
        if (m_customers.contains(customer.id))
            continue;
        m_customers
            .emplace(customer.id,
                     Customer{customer.id, customer.tenantId, customer.name, {}, m_clock, true});
        m_dirty.emplace("customer", customer.id);
    }
    for (const auto &[id, plan] : objects.prices) {
        if (m_prices.contains(id))
            continue;
        m_prices.emplace(id,
                         Price{id,
                               "prod_" + id.substr(id.find('_') + 1),
                               plan.id,
                               plan.price.amount(),
                               plan.price.currency().toString(),
                               std::string(toString(plan.interval)),
                               m_clock});
        m_dirty.emplace("price", id);
    }
    for (const Import::ImportedSubscription &imported : objects.subscriptions) {
        if (m_subscriptions.contains(imported.id) || !m_customers.contains(imported.customer)
            || !m_prices.contains(imported.price))
            continue;
        Subscription subscription;
        subscription.id = imported.id;
        subscription.item = "si_" + imported.id.substr(imported.id.find('_') + 1);
        subscription.customer = imported.customer;
        subscription.price = imported.price;
        subscription.tenantId = imported.tenantId;
        subscription.quantity = imported.quantity;
        subscription.status = std::string(toString(imported.status));
        subscription.created = toSeconds(imported.created);
        subscription.periodStart = toSeconds(imported.periodStart);
        subscription.periodEnd = toSeconds(imported.periodEnd);
        if (imported.trialEnd) {
            subscription.trialStart = subscription.created;
            subscription.trialEnd = toSeconds(*imported.trialEnd);
            subscription.trialWillEndSent = subscription.trialEnd - kTrialWillEnd <= m_clock;
        }
        subscription.cancelAtPeriodEnd = imported.cancelAtPeriodEnd;
        subscription.canceledAt = imported.canceledAt ? toSeconds(*imported.canceledAt) : 0;
        if (subscription.status == "canceled" || subscription.status == "incomplete_expired")
            subscription.endedAt = subscription.canceledAt ? subscription.canceledAt
                                                           : subscription.periodEnd;
        if (subscription.status == "incomplete")
            subscription.incompleteExpiresAt = subscription.created + kIncompleteExpiry;
        m_dirty.emplace("subscription", subscription.id);
        m_subscriptions.emplace(subscription.id, std::move(subscription));
    }
    return flush();
}

std::optional<std::string> BillingSimulator::customerOfTenant(const std::string &tenantId) const
{
    const std::lock_guard lock(m_mutex);
    for (const auto &[id, customer] : m_customers) {
        if (customer.tenantId == tenantId)
            return id;
    }
    return std::nullopt;
}

std::vector<Json> BillingSimulator::invoicesOf(const std::string &subscriptionId) const
{
    const std::lock_guard lock(m_mutex);
    std::vector<const Invoice *> found;
    for (const auto &[id, invoice] : m_invoices) {
        if (invoice.subscription == subscriptionId)
            found.push_back(&invoice);
    }
    std::stable_sort(found.begin(), found.end(), [](const Invoice *a, const Invoice *b) {
        return a->created < b->created;
    });
    std::vector<Json> invoices;
    invoices.reserve(found.size());
    for (const Invoice *invoice : found)
        invoices.push_back(invoiceJson(*invoice));
    return invoices;
}

// --- Delivery -----------------------------------------------------------------------------------

void BillingSimulator::notifyIfPending()
{
    if (m_notifying && m_options.eventsReady && pendingEventCount() > 0)
        m_options.eventsReady();
}

std::size_t BillingSimulator::pendingEventCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_events.size();
}

int BillingSimulator::deliverPending(const Delivery &deliver,
                                     const std::function<Timestamp()> &signedAt)
{
    return deliverPendingBatches(
        [&deliver](const std::vector<SignedPayload> &events) {
            std::size_t taken = 0;
            while (taken < events.size()
                   && deliver(events[taken].signatureHeader, events[taken].body))
                ++taken;
            return taken;
        },
        signedAt);
}

int BillingSimulator::deliverPendingBatches(const BatchDelivery &deliver,
                                            const std::function<Timestamp()> &signedAt)
{
    const std::lock_guard delivery(m_deliveryMutex);
    int delivered = 0;
    for (;;) {
        std::vector<std::int64_t> sequence;
        std::vector<SignedPayload> batch;
        {
            const std::lock_guard lock(m_mutex);
            for (const PendingEvent &event : m_events) {
                if (event.seq == 0 || batch.size() >= 500)
                    break; // not stored yet: it goes with the next call
                sequence.push_back(event.seq);
                batch.push_back({std::string(), event.body});
            }
        }
        if (batch.empty())
            return delivered;
        const std::int64_t t = signedAt ? toSeconds(signedAt())
                                        : std::chrono::duration_cast<std::chrono::seconds>(
                                              m_options.wallClock().time_since_epoch())
                                              .count();
        for (SignedPayload &event : batch)
            event.signatureHeader = signatureHeader(m_options.webhookSecret, t, event.body);
        const std::size_t taken = std::min(deliver(batch), batch.size());
        if (taken > 0) {
            const std::int64_t lastTaken = sequence[taken - 1];
            const std::lock_guard lock(m_mutex);
            while (!m_events.empty() && m_events.front().seq != 0
                   && m_events.front().seq <= lastTaken)
                m_events.pop_front();
            Statement remove(m_db, "DELETE FROM events WHERE seq <= ?");
            if (remove.isValid()) {
                remove.bind(1, lastTaken);
                remove.step(); // a failure delivers them again: the inbox drops duplicates
            }
            delivered += static_cast<int>(taken);
        }
        if (taken < batch.size())
            return delivered;
    }
}

} // namespace Tenantry::Server
