#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"
#include "server/http/router.h"
#include "server/ratelimit/ratelimiter.h"
#include "server/store/writelane.h"

#include <functional>

namespace Tenantry::Server {

using AuthenticatedHandler = std::function<HttpResponse(HttpRequest &request,
                                                        const Principal &principal)>;
using TenantHandler = std::function<HttpResponse(HttpRequest &request,
                                                 const TenantPrincipal &principal)>;

// What stands in front of every authenticated handler, in this order:
// 1. the bearer token: a valid, unexpired session, or 401. What the store said about a token is
//    kept in the context's SessionCache for a few seconds (session_cache_ttl_ms), so that most
//    requests skip the read transaction for it; the session's expiry is still checked on every
//    request, and a sign-out in this process takes effect at once;
// 2. the per-credential rate limit: 429 with Retry-After, RateLimit-* headers on every answer;
// 3. for POST, the Idempotency-Key: required; the first response is stored for 24 hours and
//    replayed for the same key and body (Idempotent-Replayed: true); the same key with another
//    body is 409 idempotency_key_reused. The handler runs in an AmbientTransaction: its first
//    write opens the request's write transaction, in which the guard first claims the key
//    (inserts its record: a concurrent request with the key waits for it there, or finds it
//    and gives way, so two requests with one key never both execute, also across servers
//    sharing a database; a retry, too, runs its handler only up to the first write, gives way
//    there and is answered from the record); the handler's own transactions are savepoints in
//    it; the guard stores the answer in it and commits once. The change and the answer to
//    replay are durable together or not at all (no window in which a crash leaves one without
//    the other). An answer that is not a success (4xx) is stored, and whatever the handler
//    wrote before it failed is rolled back; a 5xx answer is not stored and nothing of the
//    request stays: the key can be retried.
//
// A POST route whose handler does nothing but store work may run on the write lane
// (Lane::Write; see WriteLane): when the server has one, such a request is answered later,
// from the lane's thread, once its writes are durable. What the client sees does not change.
class RequestGuard
{
public:
    enum class Lane {
        Caller, // the handler runs on the server thread that read the request
        Write,  // POST: on the write lane, when there is one running (else as Caller)
    };

    static constexpr std::chrono::hours IdempotencyLifetime{24};
    // A record still "in progress" after this is taken to be abandoned and may be used again.
    // Only servers before the single-transaction guard committed such records (the server
    // stopped while handling the request); a key whose record is younger is 409
    // idempotency_key_in_use.
    static constexpr std::chrono::seconds AbandonedAfter{60};

    explicit RequestGuard(ApiContext &context, WriteLane *writeLane = nullptr)
        : m_context(context)
        , m_writeLane(writeLane)
    {}

    // A staff route: a session's bearer token. A tenant API key ("tk_live_…") is refused with
    // 403 tenant_key_not_allowed before any look-up.
    Handler protect(AuthenticatedHandler handler, Lane lane = Lane::Caller) const;
    // A tenant route (/v1/tenant/…, GET only): a tenant API key that exists, is not revoked and
    // whose tenant is not deleted (else 401); a session token is 403 tenant_key_required. The key is looked up by the hash
    // of its secret in a staff read transaction of the underlying store (its tenant is not
    // known before): that transaction ends before the handler runs and is given nothing from
    // the request but the hash. Then the per-credential rate limit ("tenant_key:<id>").
    Handler protectTenant(TenantHandler handler) const;

private:
    Outcome<Principal> authenticate(const HttpRequest &request) const;
    Outcome<TenantPrincipal> authenticateTenantKey(const HttpRequest &request) const;
    HttpResponse idempotent(HttpRequest &request,
                            const Principal &principal,
                            const AuthenticatedHandler &handler) const;
    // idempotent() on the write lane (HttpRequest::answerLater): the answer goes once the
    // request's writes are durable. The request is moved from.
    void answerOnWriteLane(HttpRequest &request,
                           const Principal &principal,
                           const AuthenticatedHandler &handler,
                           const RateLimiter::Decision &decision) const;
    // In the request's write transaction, before the handler's changes: inserts `record`, or
    // replaces a stale one; sets `superseded` (and fails) when a live record is there.
    Status claim(StoreTransaction &store, const IdempotencyRecord &record, bool &superseded) const;
    static bool isStale(const IdempotencyRecord &record, Timestamp now);
    // The answer that the committed record of the request's key gives: a replay, or 409 for
    // another body or a request still in progress (also when there is no record any more).
    HttpResponse answerFromStore(const HttpRequest &request, const IdempotencyRecord &record) const;

    ApiContext &m_context;
    WriteLane *m_writeLane;
};

} // namespace Tenantry::Server
