// StripeProvider and StripeClient against a fake Stripe on loopback: a Boost.Beast server on a
// thread of its own that records every request and answers with scripted responses built from
// Stripe's own example objects (tests/data/stripe/api-objects.json, ids and statuses adapted).
// The exact request lines and form bodies, the headers, retries, error mapping and timeouts.

#include "server/billing/stripe/stripeclient.h"
#include "server/billing/stripe/stripeprovider.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace Tenantry;
using namespace Tenantry::Server;
using Json = nlohmann::json;

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Recorded
{
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;
    Clock::time_point at;

    std::string header(const std::string &name) const
    {
        const auto found = headers.find(name);
        return found == headers.end() ? std::string() : found->second;
    }
    std::string line() const { return method + " " + target; }
};

struct Answer
{
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool silent = false; // read the request, never answer
};

// One connection at a time (the client sends Connection: close); answers are taken from the
// script in order, and a request beyond it gets a 500 that the test notices. With a certificate
// and key it speaks TLS (and records the SNI name the client sent).
class FakeStripe
{
public:
    explicit FakeStripe(const std::string &certificateFile = {}, const std::string &keyFile = {})
        : m_acceptor(m_io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
    {
        if (!certificateFile.empty()) {
            m_tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
            m_tls->use_certificate_chain_file(certificateFile);
            m_tls->use_private_key_file(keyFile, asio::ssl::context::pem);
        }
        m_thread = std::thread([this] { serve(); });
    }
    ~FakeStripe()
    {
        m_stopping = true;
        beast::error_code ignored;
        tcp::socket wake(m_io);
        wake.connect(m_acceptor.local_endpoint(), ignored);
        m_thread.join();
    }

    std::string baseUrl(const std::string &host = "127.0.0.1") const
    {
        return std::string(m_tls ? "https://" : "http://") + host + ":"
               + std::to_string(m_acceptor.local_endpoint().port());
    }
    void script(std::vector<Answer> answers)
    {
        std::lock_guard lock(m_mutex);
        m_script.assign(answers.begin(), answers.end());
        m_requests.clear();
    }
    std::vector<Recorded> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    std::string serverName() const
    {
        std::lock_guard lock(m_mutex);
        return m_serverName;
    }

private:
    void serve()
    {
        while (!m_stopping) {
            tcp::socket socket(m_io);
            beast::error_code error;
            m_acceptor.accept(socket, error);
            if (error || m_stopping)
                continue;
            if (!m_tls) {
                handle(socket);
                socket.shutdown(tcp::socket::shutdown_both, error);
                continue;
            }
            asio::ssl::stream<tcp::socket &> stream(socket, *m_tls);
            stream.handshake(asio::ssl::stream_base::server, error);
            if (error)
                continue; // the client refused the certificate
            if (const char *name = SSL_get_servername(stream.native_handle(),
                                                      TLSEXT_NAMETYPE_host_name)) {
                std::lock_guard lock(m_mutex);
                m_serverName = name;
            }
            handle(stream);
            socket.shutdown(tcp::socket::shutdown_both, error);
        }
    }

    template<typename Stream>
    void handle(Stream &stream)
    {
        beast::error_code error;
        beast::flat_buffer buffer;
        http::request<http::string_body> request;
        http::read(stream, buffer, request, error);
        if (error)
            return;
        Recorded recorded{std::string(request.method_string()),
                          std::string(request.target()),
                          {},
                          request.body(),
                          Clock::now()};
        for (const auto &field : request) {
            std::string name(field.name_string());
            for (char &c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            recorded.headers[name] = std::string(field.value());
        }
        Answer answer{500, R"({"error":{"type":"api_error","message":"unscripted"}})", {}, false};
        {
            std::lock_guard lock(m_mutex);
            m_requests.push_back(recorded);
            if (!m_script.empty()) {
                answer = m_script.front();
                m_script.pop_front();
            }
        }
        if (answer.silent) {
            // Holds the connection until the client gives up and closes it.
            http::read(stream, buffer, request, error);
            return;
        }
        http::response<http::string_body> response(static_cast<http::status>(answer.status), 11);
        response.set(http::field::content_type, "application/json");
        response.set("Request-Id", "req_fake");
        for (const auto &[name, value] : answer.headers)
            response.set(name, value);
        response.body() = answer.body;
        response.prepare_payload();
        http::response_serializer<http::string_body> serializer(response);
        http::write(stream, serializer, error);
    }

    asio::io_context m_io;
    tcp::acceptor m_acceptor;
    std::unique_ptr<asio::ssl::context> m_tls;
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex;
    std::deque<Answer> m_script;
    std::vector<Recorded> m_requests;
    std::string m_serverName;
};

const Json &apiObjects()
{
    static const Json objects = [] {
        QFile file(QStringLiteral(TENANTRY_TEST_DATA_DIR "/stripe/api-objects.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read api-objects.json");
        return Json::parse(file.readAll().toStdString());
    }();
    return objects;
}

std::string customerJson(const std::string &id)
{
    Json customer = apiObjects()["customer"];
    customer["id"] = id;
    return customer.dump();
}

std::string priceJson(const std::string &id)
{
    Json price = apiObjects()["price"];
    price["id"] = id;
    return price.dump();
}

Json subscriptionObject(const std::string &id,
                        const std::string &status = "active",
                        const std::string &priceId = "price_1",
                        std::int64_t quantity = 1)
{
    Json subscription = apiObjects()["subscription"];
    subscription["id"] = id;
    subscription["customer"] = "cus_1";
    subscription["status"] = status;
    subscription["cancel_at_period_end"] = false;
    Json &item = subscription["items"]["data"][0];
    item["id"] = "si_1";
    item["subscription"] = id;
    item["price"]["id"] = priceId;
    item["quantity"] = quantity;
    item["current_period_start"] = 1'767'225'600;
    item["current_period_end"] = 1'769'904'000;
    return subscription;
}

std::string subscriptionJson(const std::string &id,
                             const std::string &status = "active",
                             const std::string &priceId = "price_1",
                             std::int64_t quantity = 1)
{
    return subscriptionObject(id, status, priceId, quantity).dump();
}

std::string errorJson(const std::string &type,
                      const std::string &code,
                      const std::string &message,
                      const std::string &param = {})
{
    Json error = {{"type", type}, {"code", code}, {"message", message}};
    if (!param.empty())
        error["param"] = param;
    return Json{{"error", error}}.dump();
}

constexpr const char *kKey = "sk_test_51FakeKeyForTheFakeStripe";

} // namespace

class TestStripeProvider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void formEncoding();
    void createCustomer();
    void createPrice();
    void createSubscription();
    void changeSubscription();
    void cancelResumeAndTrial();
    void retrieveAndList();
    void retriesA500WithTheSameKey();
    void retriesA429AfterABackoff();
    void retriesALockTimeout();
    void shouldRetryFalseIsNotRetried();
    void givesUpAfterMaxAttempts();
    void cardErrorIsRejectedWithStripesMessage();
    void missingIsNotFound();
    void silentServerTimesOut();
    void unreachableServerIsUnavailable();
    void baseUrlRules();
    void keyIsInNoMessage();
    void tlsVerifiesThePeerAndSendsSni();
    void callsFromSeveralThreads();

private:
    std::unique_ptr<StripeProvider> provider(
        int maxAttempts = 3, std::chrono::milliseconds timeout = std::chrono::seconds(5));

    std::unique_ptr<FakeStripe> m_stripe;
};

void TestStripeProvider::init()
{
    m_stripe = std::make_unique<FakeStripe>();
}

std::unique_ptr<StripeProvider> TestStripeProvider::provider(int maxAttempts,
                                                             std::chrono::milliseconds timeout)
{
    StripeProvider::Options options;
    options.apiKey = kKey;
    options.baseUrl = m_stripe->baseUrl();
    options.maxAttempts = maxAttempts;
    options.timeout = timeout;
    options.retryBase = std::chrono::milliseconds(40);
    options.retryMax = std::chrono::milliseconds(200);
    Result<std::unique_ptr<StripeProvider>> made = StripeProvider::create(options);
    if (!made)
        qFatal("%s", made.error().message.c_str());
    return std::move(made).value();
}

void TestStripeProvider::formEncoding()
{
    QCOMPARE(StripeClient::percentEncode("a b&c=d+e/f?g~h-i.j_k"),
             std::string("a%20b%26c%3Dd%2Be%2Ff%3Fg~h-i.j_k"));
    QCOMPARE(StripeClient::percentEncode("Zürich €"), std::string("Z%C3%BCrich%20%E2%82%AC"));
    QCOMPARE(StripeClient::encodeForm({{"items[0][price]", "price_1"},
                                       {"expand[]", "latest_invoice.payment_intent"},
                                       {"metadata[a b]", "[x]"}}),
             std::string("items[0][price]=price_1&expand[]=latest_invoice.payment_intent"
                         "&metadata[a%20b]=%5Bx%5D"));
}

void TestStripeProvider::createCustomer()
{
    m_stripe->script({{200, customerJson("cus_new"), {}, false}});
    auto stripe = provider();
    Result<std::string> id = stripe->createCustomer({"ten_1",
                                                     "Müller & Söhne = Bäckerei",
                                                     "a+b@example.com"},
                                                    "idem-customer-1");
    QVERIFY2(id, id ? "" : id.error().message.c_str());
    QCOMPARE(*id, std::string("cus_new"));

    const std::vector<Recorded> requests = m_stripe->requests();
    QCOMPARE(requests.size(), std::size_t(1));
    const Recorded &request = requests[0];
    QCOMPARE(request.line(), std::string("POST /v1/customers"));
    QCOMPARE(request.body,
             std::string("name=M%C3%BCller%20%26%20S%C3%B6hne%20%3D%20B%C3%A4ckerei"
                         "&email=a%2Bb%40example.com&metadata[tenant_id]=ten_1"));
    QCOMPARE(request.header("authorization"), std::string("Bearer ") + kKey);
    QCOMPARE(request.header("stripe-version"), std::string(StripeClient::ApiVersion));
    QCOMPARE(request.header("idempotency-key"), std::string("idem-customer-1"));
    QCOMPARE(request.header("content-type"), std::string("application/x-www-form-urlencoded"));
}

void TestStripeProvider::createPrice()
{
    m_stripe->script({{200, priceJson("price_new"), {}, false}});
    auto stripe = provider();
    const Plan plan{.id = "pln_pro",
                    .key = "pro",
                    .name = "Pro (yearly)",
                    .price = Money(49'000, *Currency::fromCode("eur")),
                    .interval = BillingInterval::Year,
                    .features = {},
                    .active = true,
                    .trialDays = 0,
                    .createdAt = {},
                    .updatedAt = {},
                    .version = 1};
    Result<std::string> id = stripe->createPrice(plan, "idem-price-1");
    QVERIFY2(id, id ? "" : id.error().message.c_str());
    QCOMPARE(*id, std::string("price_new"));
    const Recorded request = m_stripe->requests().at(0);
    QCOMPARE(request.line(), std::string("POST /v1/prices"));
    QCOMPARE(request.body,
             std::string("currency=eur&unit_amount=49000&recurring[interval]=year"
                         "&product_data[name]=Pro%20%28yearly%29&metadata[plan_id]=pln_pro"));
    QCOMPARE(request.header("idempotency-key"), std::string("idem-price-1"));
}

void TestStripeProvider::createSubscription()
{
    m_stripe->script({{200, subscriptionJson("sub_new", "trialing", "price_pro", 3), {}, false},
                      {200, subscriptionJson("sub_two", "incomplete"), {}, false}});
    auto stripe = provider();
    Result<StripeSubscription> created = stripe->createSubscription(
        {"cus_1", "price_pro", 3, 14, "ten_1"}, "idem-sub-1");
    QVERIFY2(created, created ? "" : created.error().message.c_str());
    QCOMPARE(created->id, std::string("sub_new"));
    QVERIFY(created->status == SubscriptionStatus::Trialing);
    QCOMPARE(created->priceId, std::string("price_pro"));
    QCOMPARE(created->quantity, std::int64_t(3));
    QCOMPARE(created->customer, std::string("cus_1"));

    // Without a trial: no trial_period_days.
    Result<StripeSubscription> second = stripe->createSubscription(
        {"cus_1", "price_1", 1, 0, "ten_1"}, "idem-sub-2");
    QVERIFY(second);
    QVERIFY(second->status == SubscriptionStatus::Incomplete);

    const std::vector<Recorded> requests = m_stripe->requests();
    QCOMPARE(requests.size(), std::size_t(2));
    QCOMPARE(requests[0].line(), std::string("POST /v1/subscriptions"));
    QCOMPARE(requests[0].body,
             std::string("customer=cus_1&items[0][price]=price_pro&items[0][quantity]=3"
                         "&payment_behavior=default_incomplete"
                         "&expand[]=latest_invoice.payment_intent&trial_period_days=14"
                         "&metadata[tenant_id]=ten_1"));
    QCOMPARE(requests[1].body,
             std::string("customer=cus_1&items[0][price]=price_1&items[0][quantity]=1"
                         "&payment_behavior=default_incomplete"
                         "&expand[]=latest_invoice.payment_intent&metadata[tenant_id]=ten_1"));
    QCOMPARE(requests[1].header("idempotency-key"), std::string("idem-sub-2"));
}

void TestStripeProvider::changeSubscription()
{
    m_stripe->script({{200, subscriptionJson("sub_1"), {}, false},
                      {200, subscriptionJson("sub_1", "active", "price_big", 5), {}, false}});
    auto stripe = provider();
    Result<StripeSubscription> changed = stripe->changeSubscription("sub_1",
                                                                    "price_big",
                                                                    5,
                                                                    "idem-change-1");
    QVERIFY2(changed, changed ? "" : changed.error().message.c_str());
    QCOMPARE(changed->priceId, std::string("price_big"));
    QCOMPARE(changed->quantity, std::int64_t(5));

    const std::vector<Recorded> requests = m_stripe->requests();
    QCOMPARE(requests.size(), std::size_t(2));
    QCOMPARE(requests[0].line(), std::string("GET /v1/subscriptions/sub_1"));
    QVERIFY(requests[0].body.empty());
    QCOMPARE(requests[0].header("idempotency-key"), std::string());
    QCOMPARE(requests[0].header("authorization"), std::string("Bearer ") + kKey);
    QCOMPARE(requests[1].line(), std::string("POST /v1/subscriptions/sub_1"));
    QCOMPARE(requests[1].body,
             std::string("items[0][id]=si_1&items[0][price]=price_big&items[0][quantity]=5"
                         "&proration_behavior=create_prorations"));
    QCOMPARE(requests[1].header("idempotency-key"), std::string("idem-change-1"));
}

void TestStripeProvider::cancelResumeAndTrial()
{
    Json pending = subscriptionObject("sub_1");
    pending["cancel_at_period_end"] = true;
    Json trialing = subscriptionObject("sub_1", "trialing");
    trialing["trial_end"] = 1'767'225'600;
    m_stripe->script({{200, pending.dump(), {}, false},
                      {200, subscriptionJson("sub_1"), {}, false},
                      {200, trialing.dump(), {}, false},
                      {200, subscriptionJson("sub_1", "canceled"), {}, false}});
    auto stripe = provider();

    Result<StripeSubscription> atEnd = stripe->cancelSubscription("sub_1", true, "idem-c1");
    QVERIFY(atEnd);
    QVERIFY(atEnd->cancelAtPeriodEnd);
    Result<StripeSubscription> resumed = stripe->resumeSubscription("sub_1", "idem-r1");
    QVERIFY(resumed);
    QVERIFY(!resumed->cancelAtPeriodEnd);
    const Timestamp trialEnd{std::chrono::seconds(1'767'225'600)};
    Result<StripeSubscription> extended = stripe->extendTrial("sub_1", trialEnd, "idem-t1");
    QVERIFY(extended);
    QVERIFY(extended->trialEnd == trialEnd);
    Result<StripeSubscription> now = stripe->cancelSubscription("sub_1", false, "idem-c2");
    QVERIFY(now);
    QVERIFY(now->status == SubscriptionStatus::Canceled);

    const std::vector<Recorded> requests = m_stripe->requests();
    QCOMPARE(requests.size(), std::size_t(4));
    QCOMPARE(requests[0].line(), std::string("POST /v1/subscriptions/sub_1"));
    QCOMPARE(requests[0].body, std::string("cancel_at_period_end=true"));
    QCOMPARE(requests[0].header("idempotency-key"), std::string("idem-c1"));
    QCOMPARE(requests[1].body, std::string("cancel_at_period_end=false"));
    QCOMPARE(requests[1].header("idempotency-key"), std::string("idem-r1"));
    QCOMPARE(requests[2].body, std::string("trial_end=1767225600&proration_behavior=none"));
    QCOMPARE(requests[3].line(), std::string("DELETE /v1/subscriptions/sub_1"));
    QVERIFY(requests[3].body.empty());
    QCOMPARE(requests[3].header("idempotency-key"), std::string("idem-c2"));
    QCOMPARE(requests[3].header("stripe-version"), std::string(StripeClient::ApiVersion));
}

void TestStripeProvider::retrieveAndList()
{
    const Json page = {{"object", "list"},
                       {"url", "/v1/subscriptions"},
                       {"has_more", true},
                       {"data",
                        {subscriptionObject("sub_2"), subscriptionObject("sub_3", "past_due")}}};
    const Json last = {{"object", "list"},
                       {"url", "/v1/subscriptions"},
                       {"has_more", false},
                       {"data", Json::array()}};
    m_stripe->script({{200, subscriptionJson("sub_1"), {}, false},
                      {200, page.dump(), {}, false},
                      {200, last.dump(), {}, false}});
    auto stripe = provider();
    Result<StripeSubscription> one = stripe->retrieveSubscription("sub_1");
    QVERIFY(one);
    QCOMPARE(one->id, std::string("sub_1"));
    Result<BillingProvider::SubscriptionPage> first = stripe->listSubscriptions(std::nullopt, 2);
    QVERIFY2(first, first ? "" : first.error().message.c_str());
    QVERIFY(first->hasMore);
    QCOMPARE(first->data.size(), std::size_t(2));
    QVERIFY(first->data[1].status == SubscriptionStatus::PastDue);
    Result<BillingProvider::SubscriptionPage> second = stripe->listSubscriptions(std::string(
                                                                                     "sub_3"),
                                                                                 2);
    QVERIFY(second);
    QVERIFY(!second->hasMore);
    QVERIFY(second->data.empty());

    const std::vector<Recorded> requests = m_stripe->requests();
    QCOMPARE(requests.size(), std::size_t(3));
    QCOMPARE(requests[0].line(), std::string("GET /v1/subscriptions/sub_1"));
    QCOMPARE(requests[1].line(), std::string("GET /v1/subscriptions?status=all&limit=2"));
    QCOMPARE(requests[2].line(),
             std::string("GET /v1/subscriptions?status=all&limit=2&starting_after=sub_3"));
}

void TestStripeProvider::retriesA500WithTheSameKey()
{
    m_stripe->script({{500, errorJson("api_error", "", "Something went wrong"), {}, false},
                      {200, customerJson("cus_1"), {}, false}});
    auto stripe = provider();
    Result<std::string> id = stripe->createCustomer({"ten_1", "A", ""}, "idem-retry");
    QVERIFY2(id, id ? "" : id.error().message.c_str());
    const std::vector<Recorded> requests = m_stripe->requests();
    QCOMPARE(requests.size(), std::size_t(2));
    QCOMPARE(requests[0].header("idempotency-key"), std::string("idem-retry"));
    QCOMPARE(requests[1].header("idempotency-key"), std::string("idem-retry"));
    QCOMPARE(requests[0].body, requests[1].body);

    // A key the caller did not give is made up once and kept across the retries too.
    m_stripe->script({{503, "", {}, false}, {200, customerJson("cus_2"), {}, false}});
    StripeClient::Options options;
    options.apiKey = kKey;
    options.baseUrl = m_stripe->baseUrl();
    options.retryBase = std::chrono::milliseconds(10);
    auto client = std::move(StripeClient::create(options)).value();
    QVERIFY(client->post("/v1/customers", {{"name", "B"}}, {}));
    const std::vector<Recorded> again = m_stripe->requests();
    QCOMPARE(again.size(), std::size_t(2));
    QVERIFY(!again[0].header("idempotency-key").empty());
    QCOMPARE(again[0].header("idempotency-key"), again[1].header("idempotency-key"));
}

void TestStripeProvider::retriesA429AfterABackoff()
{
    m_stripe->script(
        {{429, errorJson("invalid_request_error", "rate_limit", "Too many requests"), {}, false},
         {429, errorJson("invalid_request_error", "rate_limit", "Too many requests"), {}, false},
         {200, subscriptionJson("sub_1"), {}, false}});
    auto stripe = provider();
    Result<StripeSubscription> found = stripe->retrieveSubscription("sub_1");
    QVERIFY2(found, found ? "" : found.error().message.c_str());
    const std::vector<Recorded> requests = m_stripe->requests();
    QCOMPARE(requests.size(), std::size_t(3));
    // retryBase 40 ms: the first wait is 20..40 ms, the second 40..80 ms.
    const auto firstGap = requests[1].at - requests[0].at;
    const auto secondGap = requests[2].at - requests[1].at;
    QVERIFY2(firstGap >= std::chrono::milliseconds(20),
             std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(firstGap).count())
                 .c_str());
    QVERIFY(secondGap >= std::chrono::milliseconds(40));

    // Retry-After, when longer, wins.
    m_stripe->script(
        {{429, "{}", {{"Retry-After", "1"}}, false}, {200, subscriptionJson("sub_1"), {}, false}});
    QVERIFY(stripe->retrieveSubscription("sub_1"));
    const std::vector<Recorded> again = m_stripe->requests();
    QCOMPARE(again.size(), std::size_t(2));
    QVERIFY(again[1].at - again[0].at >= std::chrono::milliseconds(950));
}

void TestStripeProvider::retriesALockTimeout()
{
    m_stripe->script({{409,
                       errorJson("invalid_request_error", "lock_timeout", "This object is locked"),
                       {},
                       false},
                      {200, subscriptionJson("sub_1"), {}, false}});
    auto stripe = provider();
    QVERIFY(stripe->resumeSubscription("sub_1", "idem-lock"));
    QCOMPARE(m_stripe->requests().size(), std::size_t(2));

    // Another 409 (an idempotency key reused with other parameters) is not retried.
    m_stripe->script({{409,
                       errorJson("idempotency_error",
                                 "idempotency_key_in_use",
                                 "Keys for idempotent requests can only be used with the same "
                                 "parameters they were first used with"),
                       {},
                       false}});
    Result<StripeSubscription> refused = stripe->resumeSubscription("sub_1", "idem-lock");
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, std::string("provider_rejected"));
    QCOMPARE(m_stripe->requests().size(), std::size_t(1));
}

void TestStripeProvider::shouldRetryFalseIsNotRetried()
{
    m_stripe->script({{500,
                       errorJson("api_error", "", "Do not retry this"),
                       {{"Stripe-Should-Retry", "false"}},
                       false},
                      {200, customerJson("cus_1"), {}, false}});
    auto stripe = provider();
    Result<std::string> id = stripe->createCustomer({"ten_1", "A", ""}, "idem-no");
    QVERIFY(!id);
    QCOMPARE(id.error().code, std::string("provider_unavailable"));
    QVERIFY2(id.error().message.find("Do not retry this") != std::string::npos,
             id.error().message.c_str());
    QCOMPARE(m_stripe->requests().size(), std::size_t(1));

    // And "true" retries what would not have been.
    m_stripe->script({{400,
                       errorJson("invalid_request_error", "", "Try again"),
                       {{"Stripe-Should-Retry", "true"}},
                       false},
                      {200, customerJson("cus_1"), {}, false}});
    QVERIFY(stripe->createCustomer({"ten_1", "A", ""}, "idem-yes"));
    QCOMPARE(m_stripe->requests().size(), std::size_t(2));
}

void TestStripeProvider::givesUpAfterMaxAttempts()
{
    m_stripe->script({{503, "", {}, false},
                      {503, "", {}, false},
                      {503, "", {}, false},
                      {200, customerJson("cus_1"), {}, false}});
    auto stripe = provider(3);
    Result<std::string> id = stripe->createCustomer({"ten_1", "A", ""}, "idem-3");
    QVERIFY(!id);
    QCOMPARE(id.error().code, std::string("provider_unavailable"));
    QVERIFY2(id.error().message.find("503") != std::string::npos, id.error().message.c_str());
    QVERIFY(id.error().message.find("3 attempts") != std::string::npos);
    QCOMPARE(m_stripe->requests().size(), std::size_t(3));
}

void TestStripeProvider::cardErrorIsRejectedWithStripesMessage()
{
    m_stripe->script({{402,
                       errorJson("card_error", "card_declined", "Your card was declined.", "card"),
                       {},
                       false}});
    auto stripe = provider();
    Result<StripeSubscription> created = stripe->createSubscription(
        {"cus_1", "price_1", 1, 0, "ten_1"}, "idem-card");
    QVERIFY(!created);
    QCOMPARE(created.error().code, std::string("provider_rejected"));
    QCOMPARE(created.error().message, std::string("Your card was declined."));
    QCOMPARE(created.error().path, std::string("card"));

    m_stripe->script({{400,
                       errorJson("card_error", "card_declined", "Your card has insufficient funds."),
                       {},
                       false}});
    Result<StripeSubscription> again = stripe->createSubscription(
        {"cus_1", "price_1", 1, 0, "ten_1"}, "idem-card-2");
    QVERIFY(!again);
    QCOMPARE(again.error().code, std::string("provider_rejected"));
    QCOMPARE(again.error().message, std::string("Your card has insufficient funds."));
    QCOMPARE(m_stripe->requests().size(), std::size_t(1));
}

void TestStripeProvider::missingIsNotFound()
{
    m_stripe->script({{404,
                       errorJson("invalid_request_error",
                                 "resource_missing",
                                 "No such subscription: 'sub_gone'",
                                 "id"),
                       {},
                       false}});
    auto stripe = provider();
    Result<StripeSubscription> found = stripe->retrieveSubscription("sub_gone");
    QVERIFY(!found);
    QCOMPARE(found.error().code, std::string("not_found"));
    QCOMPARE(found.error().message, std::string("No such subscription: 'sub_gone'"));
    QCOMPARE(m_stripe->requests().size(), std::size_t(1));
}

void TestStripeProvider::silentServerTimesOut()
{
    m_stripe->script({{200, "", {}, true}, {200, "", {}, true}});
    auto stripe = provider(2, std::chrono::milliseconds(300));
    const auto started = Clock::now();
    Result<std::string> id = stripe->createCustomer({"ten_1", "A", ""}, "idem-silent");
    const auto elapsed = Clock::now() - started;
    QVERIFY(!id);
    QCOMPARE(id.error().code, std::string("provider_unavailable"));
    QVERIFY2(id.error().message.find("timed out") != std::string::npos, id.error().message.c_str());
    QVERIFY(elapsed >= std::chrono::milliseconds(600));
    QVERIFY2(elapsed < std::chrono::milliseconds(2000),
             std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count())
                 .c_str());
    const std::vector<Recorded> requests = m_stripe->requests();
    QCOMPARE(requests.size(), std::size_t(2));
    QCOMPARE(requests[1].header("idempotency-key"), std::string("idem-silent"));
}

void TestStripeProvider::unreachableServerIsUnavailable()
{
    // A port that was free a moment ago: connection refused, every attempt.
    std::string base;
    {
        asio::io_context io;
        tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        base = "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port());
    }
    StripeProvider::Options options;
    options.apiKey = kKey;
    options.baseUrl = base;
    options.retryBase = std::chrono::milliseconds(5);
    auto stripe = std::move(StripeProvider::create(options)).value();
    Result<StripeSubscription> found = stripe->retrieveSubscription("sub_1");
    QVERIFY(!found);
    QCOMPARE(found.error().code, std::string("provider_unavailable"));
    QVERIFY2(found.error().message.find("3 attempts") != std::string::npos,
             found.error().message.c_str());
}

void TestStripeProvider::baseUrlRules()
{
    auto make = [](const std::string &url) {
        StripeProvider::Options options;
        options.apiKey = kKey;
        options.baseUrl = url;
        return StripeProvider::create(options);
    };
    for (const char *refused : {"http://api.stripe.com",
                                "http://10.0.0.1:8080",
                                "http://example.com/v1",
                                "ftp://api.stripe.com",
                                "api.stripe.com",
                                "https://",
                                "https://user@api.stripe.com",
                                "https://api.stripe.com:99999"}) {
        auto made = make(refused);
        QVERIFY2(!made, refused);
        QCOMPARE(made.error().code, std::string("invalid_config"));
    }
    for (const char *accepted : {"https://api.stripe.com",
                                 "https://api.stripe.com:443/",
                                 "http://127.0.0.1:12111",
                                 "http://localhost:12111/stripe",
                                 "http://[::1]:12111"}) {
        QVERIFY2(make(accepted), accepted);
    }
    StripeProvider::Options keyless;
    keyless.baseUrl = "https://api.stripe.com";
    QVERIFY(!StripeProvider::create(keyless));

    // A path prefix is kept in front of every path.
    m_stripe->script({{200, subscriptionJson("sub_1"), {}, false}});
    auto prefixed = make(m_stripe->baseUrl() + "/stripe/");
    QVERIFY(prefixed);
    QVERIFY((*prefixed)->retrieveSubscription("sub_1"));
    QCOMPARE(m_stripe->requests().at(0).line(), std::string("GET /stripe/v1/subscriptions/sub_1"));
}

void TestStripeProvider::keyIsInNoMessage()
{
    // Stripe masks keys in its own messages; a fake that does not is scrubbed all the same.
    m_stripe->script(
        {{401,
          errorJson("invalid_request_error", "", std::string("Invalid API Key provided: ") + kKey),
          {},
          false}});
    auto stripe = provider();
    Result<StripeSubscription> found = stripe->retrieveSubscription("sub_1");
    QVERIFY(!found);
    QCOMPARE(found.error().code, std::string("provider_rejected"));
    QVERIFY2(found.error().message.find(kKey) == std::string::npos, found.error().message.c_str());
    QVERIFY(found.error().message.find("Invalid API Key provided") != std::string::npos);
}

void TestStripeProvider::tlsVerifiesThePeerAndSendsSni()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl is not installed: no test certificate");
    QTemporaryDir dir;
    const QString certificate = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    QProcess process;
    process.start(openssl,
                  {QStringLiteral("req"),
                   QStringLiteral("-x509"),
                   QStringLiteral("-newkey"),
                   QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"),
                   QStringLiteral("-nodes"),
                   QStringLiteral("-days"),
                   QStringLiteral("1"),
                   QStringLiteral("-subj"),
                   QStringLiteral("/CN=localhost"),
                   QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:localhost"),
                   QStringLiteral("-keyout"),
                   key,
                   QStringLiteral("-out"),
                   certificate});
    QVERIFY(process.waitForFinished(30'000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    FakeStripe tls(certificate.toStdString(), key.toStdString());
    auto make = [&](const std::string &host, bool trusted) {
        StripeProvider::Options options;
        options.apiKey = kKey;
        options.baseUrl = tls.baseUrl(host);
        options.maxAttempts = 1;
        options.timeout = std::chrono::seconds(5);
        if (trusted)
            options.caFile = certificate.toStdString();
        return std::move(StripeProvider::create(options)).value();
    };

    // Trusted and named: the call goes through, with SNI.
    tls.script({{200, subscriptionJson("sub_tls"), {}, false}});
    Result<StripeSubscription> found = make("localhost", true)->retrieveSubscription("sub_tls");
    QVERIFY2(found, found ? "" : found.error().message.c_str());
    QCOMPARE(found->id, std::string("sub_tls"));
    QCOMPARE(tls.serverName(), std::string("localhost"));
    QCOMPARE(tls.requests().at(0).header("authorization"), std::string("Bearer ") + kKey);

    // A certificate no trusted CA signed: refused before anything is sent.
    tls.script({{200, subscriptionJson("sub_tls"), {}, false}});
    Result<StripeSubscription> untrusted = make("localhost", false)->retrieveSubscription("sub_tls");
    QVERIFY(!untrusted);
    QCOMPARE(untrusted.error().code, std::string("provider_unavailable"));
    QVERIFY2(untrusted.error().message.find("TLS handshake") != std::string::npos,
             untrusted.error().message.c_str());
    QVERIFY(tls.requests().empty());

    // Trusted, but not issued for the host connected to (127.0.0.1): refused too.
    Result<StripeSubscription> misnamed = make("127.0.0.1", true)->retrieveSubscription("sub_tls");
    QVERIFY(!misnamed);
    QCOMPARE(misnamed.error().code, std::string("provider_unavailable"));
    QVERIFY(tls.requests().empty());
}

void TestStripeProvider::callsFromSeveralThreads()
{
    constexpr int kThreads = 6;
    std::vector<Answer> answers;
    for (int i = 0; i < kThreads; ++i)
        answers.push_back({200, customerJson("cus_" + std::to_string(i)), {}, false});
    m_stripe->script(answers);
    auto stripe = provider();
    std::atomic<int> succeeded{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&stripe, &succeeded, i] {
            const std::string n = std::to_string(i);
            if (stripe->createCustomer({"ten_" + n, "Tenant " + n, ""}, "idem-thread-" + n))
                ++succeeded;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(succeeded.load(), kThreads);
    std::set<std::string> seen;
    for (const Recorded &request : m_stripe->requests()) {
        const std::string key = request.header("idempotency-key");
        // Each request carries its own key with its own body.
        const std::string n = key.substr(std::string("idem-thread-").size());
        QCOMPARE(request.body, "name=Tenant%20" + n + "&metadata[tenant_id]=ten_" + n);
        seen.insert(key);
    }
    QCOMPARE(seen.size(), std::size_t(kThreads));
}

QTEST_APPLESS_MAIN(TestStripeProvider)

#include "teststripeprovider.moc"
