#include "server/api/requestguard.h"

#include "server/auth/sessiontoken.h"
#include "server/auth/tenantapikey.h"
#include "server/store/ambienttransaction.h"
#include "server/store/deferredcommits.h"

#include <cmath>

namespace Tenantry::Server {

namespace {

// Around the handler's changes in the request's transaction (see RequestGuard::claim).
const std::string kHandlerSavepoint = "handler";

void addRateLimitHeaders(HttpResponse &response, const RateLimiter::Decision &decision)
{
    const auto seconds = [](std::chrono::milliseconds duration) {
        return std::to_string((duration.count() + 999) / 1000);
    };
    response.setHeader("RateLimit-Limit",
                       std::to_string(static_cast<long long>(std::floor(decision.limit))));
    response.setHeader("RateLimit-Remaining",
                       std::to_string(static_cast<long long>(std::floor(decision.remaining))));
    response.setHeader("RateLimit-Reset", seconds(decision.reset));
    if (!decision.allowed)
        response.setHeader("Retry-After", seconds(decision.retryAfter));
}

bool isValidIdempotencyKey(const std::string &key)
{
    if (key.empty() || key.size() > 255)
        return false;
    for (const char c : key) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

ApiError sessionEnded()
{
    return ApiError::unauthorized("The session has ended or does not exist; sign in again");
}

// The token of "Authorization: Bearer <token>".
Outcome<std::string> bearerToken(const HttpRequest &request)
{
    const std::optional<std::string> authorization = request.header("authorization");
    if (!authorization)
        return ApiError::unauthorized();
    constexpr std::string_view scheme = "bearer ";
    if (authorization->size() <= scheme.size()
        || lowerCase(authorization->substr(0, scheme.size())) != scheme)
        return ApiError::unauthorized("Use the Authorization header \"Bearer <token>\"");
    return authorization->substr(scheme.size());
}

// Headers a replayed response must carry again.
nlohmann::json replayableHeaders(const HttpResponse &response)
{
    nlohmann::json headers = nlohmann::json::object();
    for (const char *name : {"ETag", "Location", "Content-Type"}) {
        if (const std::string *value = response.header(name))
            headers[name] = *value;
    }
    return headers;
}

} // namespace

Handler RequestGuard::protect(AuthenticatedHandler handler, Lane lane) const
{
    const bool onWriteLane = lane == Lane::Write && m_writeLane;
    return [this, handler = std::move(handler), onWriteLane](HttpRequest &request) {
        Outcome<Principal> principal = authenticate(request);
        if (failed(principal))
            return errorResponse(request, std::get<ApiError>(principal));
        const Principal &who = std::get<Principal>(principal);

        const RateLimiter::Decision decision = m_context.rateLimiter().take("user:" + who.user.id);
        HttpResponse response;
        if (!decision.allowed) {
            response = errorResponse(request,
                                     ApiError::rateLimited(
                                         "Too many requests for this account; retry after the "
                                         "time in Retry-After"));
        } else if (request.method == HttpMethod::Post) {
            if (onWriteLane && request.deferResponse && m_writeLane->isRunning()) {
                answerOnWriteLane(request, who, handler, decision);
                return HttpResponse{}; // the answer goes from the lane
            }
            response = idempotent(request, who, handler);
        } else {
            response = handler(request, who);
        }
        addRateLimitHeaders(response, decision);
        return response;
    };
}

Handler RequestGuard::protectTenant(TenantHandler handler) const
{
    return [this, handler = std::move(handler)](HttpRequest &request) {
        Outcome<TenantPrincipal> principal = authenticateTenantKey(request);
        if (failed(principal))
            return errorResponse(request, std::get<ApiError>(principal));
        const TenantPrincipal &who = std::get<TenantPrincipal>(principal);
        const RateLimiter::Decision decision = m_context.rateLimiter().take("tenant_key:"
                                                                            + who.keyId);
        HttpResponse response = decision.allowed
                                    ? handler(request, who)
                                    : errorResponse(request,
                                                    ApiError::rateLimited(
                                                        "Too many requests for this API key; "
                                                        "retry after the time in Retry-After"));
        addRateLimitHeaders(response, decision);
        return response;
    };
}

Outcome<TenantPrincipal> RequestGuard::authenticateTenantKey(const HttpRequest &request) const
{
    Outcome<std::string> bearer = bearerToken(request);
    if (failed(bearer))
        return std::get<ApiError>(bearer);
    const std::string &token = std::get<std::string>(bearer);
    if (!TenantApiKey::hasPrefix(token)) {
        ApiError error = ApiError::forbidden(
            "The tenant routes (/v1/tenant/...) need a tenant API key (\"Bearer tk_live_...\"); "
            "staff read a tenant through /v1/tenants/{id}");
        error.code = "tenant_key_required";
        return error;
    }
    const auto revoked = [] {
        return ApiError::unauthorized("The API key is revoked or does not exist");
    };
    if (!TenantApiKey::looksValid(token))
        return revoked();
    // The staff path (its tenant is not known yet), given only the hash; it ends here.
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().underlying().begin(
        Store::Mode::Read);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), request.requestId);
    Result<std::optional<TenantApiKeyRecord>>
        key = (*transaction)->tenantApiKeyByHash(SessionToken::hash(token));
    if (!key)
        return m_context.storageFailure(key.error(), request.requestId);
    if (!*key || (*key)->revokedAt)
        return revoked();
    // A deleted tenant's keys end with it (a suspended tenant's still read, to learn that).
    Result<std::optional<Tenant>> tenant = (*transaction)->tenantById((*key)->tenantId);
    if (!tenant)
        return m_context.storageFailure(tenant.error(), request.requestId);
    if (!*tenant || (*tenant)->status == TenantStatus::Deleted)
        return ApiError::unauthorized("The tenant of this API key was deleted");
    return TenantPrincipal{std::move((*key)->tenantId), std::move((*key)->id)};
}

Outcome<Principal> RequestGuard::authenticate(const HttpRequest &request) const
{
    Outcome<std::string> bearer = bearerToken(request);
    if (failed(bearer))
        return std::get<ApiError>(bearer);
    const std::string &token = std::get<std::string>(bearer);
    if (TenantApiKey::hasPrefix(token)) {
        ApiError error = ApiError::forbidden(
            "A tenant API key can only call the tenant routes (/v1/tenant/...); staff routes need "
            "a signed-in user's session");
        error.code = "tenant_key_not_allowed";
        return error;
    }
    if (!SessionToken::looksValid(token))
        return ApiError::unauthorized("The bearer token is not valid; sign in again");

    std::string hash = SessionToken::hash(token);
    SessionCache &cache = m_context.sessionCache();
    // The session's own expiry is checked on every request, cached or not.
    if (std::optional<SessionCache::Entry> cached = cache.find(hash, SessionCache::Clock::now())) {
        if (cached->expiresAt <= m_context.now())
            return sessionEnded();
        return Principal{std::move(cached->user), std::move(hash)};
    }

    const std::uint64_t generation = cache.generation();
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Read);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), request.requestId);
    Result<std::optional<SessionRecord>> session = (*transaction)->sessionByTokenHash(hash);
    if (!session)
        return m_context.storageFailure(session.error(), request.requestId);
    if (!*session || (*session)->expiresAt <= m_context.now())
        return sessionEnded();
    Result<std::optional<UserRecord>> user = (*transaction)->userById((*session)->userId);
    if (!user)
        return m_context.storageFailure(user.error(), request.requestId);
    if (!*user)
        return ApiError::unauthorized("The session's user no longer exists");
    cache.insert(hash,
                 SessionCache::Entry{**user, (*session)->expiresAt},
                 generation,
                 SessionCache::Clock::now());
    return Principal{std::move(**user), std::move(hash)};
}

HttpResponse RequestGuard::idempotent(HttpRequest &request,
                                      const Principal &principal,
                                      const AuthenticatedHandler &handler) const
{
    const std::optional<std::string> key = request.header("idempotency-key");
    if (!key)
        return errorResponse(request,
                             ApiError::badRequest("idempotency_key_required",
                                                  "Every POST needs an Idempotency-Key header: a "
                                                  "unique value per action, reused on retries",
                                                  "Idempotency-Key"));
    if (!isValidIdempotencyKey(*key))
        return errorResponse(request,
                             ApiError::badRequest("parameter_invalid",
                                                  "Idempotency-Key must be 1 to 255 printable "
                                                  "ASCII characters",
                                                  "Idempotency-Key"));

    // The precondition is part of the request: the same key with another If-Match is another
    // request, not a retry.
    const std::string requestHash = sha256Hex(
        std::string(toString(request.method)) + ' ' + request.path + '\n'
        + request.header("if-match").value_or("") + '\n' + request.body);
    IdempotencyRecord record;
    record.scope = principal.user.id;
    record.key = *key;
    record.requestHash = requestHash;
    record.createdAt = m_context.now();

    // The handler runs in the ambient transaction: its first write opens it, and the record is
    // claimed in it first, before the handler changes anything. A retry of a completed request
    // is found there too (there is no look-up before the handler: that read transaction would
    // cost every first request, the common case, more than it saves the rare retry, whose
    // handler runs only up to its first write and changes nothing).
    bool superseded = false;
    AmbientTransaction ambient(m_context.store().underlying(), [&](StoreTransaction &store) {
        return claim(store, record, superseded);
    });
    HttpResponse response = handler(request, principal);
    if (superseded) {
        ambient.rollback();
        return answerFromStore(request, record);
    }
    // A failure of the server: nothing of the request stays, and the key can be retried.
    if (response.status >= 500)
        return response;

    // A handler that wrote nothing opens the transaction only now, to store its answer.
    Result<StoreTransaction *> transaction = ambient.open();
    if (!transaction) {
        if (superseded) {
            ambient.rollback();
            return answerFromStore(request, record);
        }
        return errorResponse(request,
                             m_context.storageFailure(transaction.error(), request.requestId));
    }
    StoreTransaction &store = **transaction;
    // An answer that is not a success changes nothing (and says so the same way when
    // replayed): what the handler wrote before it failed goes.
    const bool succeeded = response.status < 300;
    Status saved = succeeded ? store.releaseSavepoint(kHandlerSavepoint)
                             : store.rollbackToSavepoint(kHandlerSavepoint);
    record.state = IdempotencyRecord::State::Completed;
    record.status = response.status;
    record.responseBody = response.replayBody.value_or(response.body);
    record.responseHeaders = replayableHeaders(response).dump();
    if (saved)
        saved = store.completeIdempotency(record);
    // One commit: the handler's changes and the answer to replay become durable together.
    if (saved)
        saved = ambient.commit();
    if (!saved)
        return errorResponse(request, m_context.storageFailure(saved.error(), request.requestId));
    return response;
}

void RequestGuard::answerOnWriteLane(HttpRequest &request,
                                     const Principal &principal,
                                     const AuthenticatedHandler &handler,
                                     const RateLimiter::Decision &decision) const
{
    auto responder = std::make_shared<HttpResponder>(request.answerLater());
    WriteLane::Task task = [this,
                            &handler, // the route's, as long as the server
                            responder,
                            request = std::move(request),
                            principal,
                            decision]() mutable {
        auto answer = std::make_shared<HttpResponse>();
        DeferredCommits deferred([this, answer, responder, requestId = request.requestId, decision](
                                     const Status &durable) {
            if (durable) {
                (*responder)(std::move(*answer));
                return;
            }
            // What idempotent() answers when its commit fails: nothing of the request
            // stayed, and the key can be retried.
            HttpResponse failed = errorResponse(requestId,
                                                m_context.storageFailure(durable.error(),
                                                                         requestId));
            addRateLimitHeaders(failed, decision);
            (*responder)(std::move(failed));
        });
        try {
            *answer = idempotent(request, principal, handler);
        } catch (const std::exception &e) { // as HttpServer::handle
            m_context.logError("request " + request.requestId + ": the handler threw: " + e.what());
            *answer = ApiError::internal().toResponse(request.requestId);
        } catch (...) {
            m_context.logError("request " + request.requestId
                               + ": the handler threw a non-standard exception");
            *answer = ApiError::internal().toResponse(request.requestId);
        }
        addRateLimitHeaders(*answer, decision);
        deferred.finish();
    };
    if (!m_writeLane->post(task)) {
        // The lane stopped meanwhile (the server is stopping): the same work, here.
        task();
        static_cast<void>(m_context.store().underlying().flushDeferred());
    }
}

Status RequestGuard::claim(StoreTransaction &store,
                           const IdempotencyRecord &record,
                           bool &superseded) const
{
    Result<bool> inserted = store.insertIdempotency(record);
    if (!inserted)
        return inserted.error();
    if (!*inserted) {
        Result<std::optional<IdempotencyRecord>> existing = store.idempotency(record.scope,
                                                                              record.key);
        if (!existing)
            return existing.error();
        if (*existing && !isStale(**existing, record.createdAt)) {
            // Another request with this key got there first (and has committed: a claim waits
            // for the one before it). The handler gives up; the guard answers from that record.
            superseded = true;
            return Error{"superseded", "another request with this Idempotency-Key came first", {}};
        }
        if (Status removed = store.deleteIdempotency(record.scope, record.key); !removed)
            return removed;
        inserted = store.insertIdempotency(record);
        if (!inserted)
            return inserted.error();
        if (!*inserted)
            return Error{"storage_error", "the stale idempotency record stayed", {}};
    }
    // The handler's own changes, which an answer other than a success undoes.
    return store.savepoint(kHandlerSavepoint);
}

bool RequestGuard::isStale(const IdempotencyRecord &record, Timestamp now)
{
    const auto age = now - record.createdAt;
    // Records are committed completed; one in progress was left by a server before the record
    // and the change shared a transaction, stopped while it handled the request.
    return age > IdempotencyLifetime
           || (record.state == IdempotencyRecord::State::InProgress && age > AbandonedAfter);
}

HttpResponse RequestGuard::answerFromStore(const HttpRequest &request,
                                           const IdempotencyRecord &record) const
{
    const auto busy = [&request] {
        ApiError error = ApiError::idempotencyConflict(
            "A request with this Idempotency-Key is still being processed; retry later");
        error.code = "idempotency_key_in_use";
        return errorResponse(request, error);
    };
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().underlying().begin(
        Store::Mode::Read);
    if (!transaction)
        return errorResponse(request,
                             m_context.storageFailure(transaction.error(), request.requestId));
    Result<std::optional<IdempotencyRecord>> existing = (*transaction)
                                                            ->idempotency(record.scope, record.key);
    if (!existing)
        return errorResponse(request, m_context.storageFailure(existing.error(), request.requestId));
    // None: the request that came first did not commit after all; the client's retry will run.
    if (!*existing || isStale(**existing, record.createdAt))
        return busy();
    const IdempotencyRecord &previous = **existing;
    if (previous.requestHash != record.requestHash)
        return errorResponse(request,
                             ApiError::idempotencyConflict(
                                 "This Idempotency-Key was used for a different request; use a "
                                 "new key for a new action"));
    if (previous.state == IdempotencyRecord::State::InProgress)
        return busy();
    HttpResponse replay;
    replay.status = previous.status;
    replay.body = previous.responseBody;
    const nlohmann::json headers = nlohmann::json::parse(previous.responseHeaders, nullptr, false);
    if (headers.is_object()) {
        for (const auto &header : headers.items())
            replay.setHeader(header.key(), header.value().get<std::string>());
    }
    replay.setHeader("Idempotent-Replayed", "true");
    return replay;
}

} // namespace Tenantry::Server
