#include "server/services/userservice.h"

#include "server/auth/passwordhasher.h"
#include "server/auth/sessiontoken.h"
#include "server/services/auditwriter.h"
#include "server/store/ambienttransaction.h"

namespace Tenantry::Server {

Principal UserService::systemPrincipal()
{
    UserRecord system;
    system.id = "system";
    system.email = "tenantryd";
    system.name = "tenantryd command line";
    system.role = Role::Owner;
    return Principal{system, {}};
}

Outcome<UserRecord> UserService::create(const Principal &actor,
                                        const std::string &requestId,
                                        UserDraft draft) const
{
    UserRecord user;
    user.email = lowerCase(std::move(draft.email));
    if (!isValidEmail(user.email))
        return ApiError::unprocessable("parameter_invalid",
                                       "email is not an email address",
                                       "email");
    if (draft.password.size() < MinimumPasswordLength || draft.password.size() > 1024)
        return ApiError::unprocessable("parameter_invalid",
                                       "password must be 12 to 1024 characters",
                                       "password");
    if (draft.name.size() > 200)
        return ApiError::unprocessable("parameter_invalid",
                                       "name is longer than 200 characters",
                                       "name");
    if (!canAssignRole(actor.user.role, draft.role))
        return ApiError::forbidden("Your role (" + std::string(toString(actor.user.role))
                                   + ") cannot create users with the role "
                                   + std::string(toString(draft.role)));
    Result<std::string> hash = PasswordHasher::hash(draft.password);
    if (!hash)
        return m_context.storageFailure(hash.error(), requestId);

    user.id = SessionToken::newId("usr_");
    user.name = std::move(draft.name);
    user.role = draft.role;
    user.passwordHash = std::move(hash).value();
    user.createdAt = m_context.now();

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    StoreTransaction &store = **transaction;
    if (Status inserted = store.insertUser(user); !inserted) {
        if (inserted.error().code == "conflict")
            return ApiError::conflict("email_taken", "A user with this email exists", "email");
        return m_context.storageFailure(inserted.error(), requestId);
    }
    const nlohmann::json after = userJson(user);
    if (Status audited = writeAudit(store,
                                    actor,
                                    requestId,
                                    user.createdAt,
                                    {"user.created", "user", user.id, std::nullopt, nullptr, &after});
        !audited) {
        return m_context.storageFailure(audited.error(), requestId);
    }
    if (Status committed = store.commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    // Every change of a user ends what the session cache holds for it (for a new user that is
    // nothing; kept so that a future update or removal path is not forgotten), once the change
    // is committed: under the request guard that is when the request's transaction ends.
    AmbientTransaction::afterEnd(
        [cache = &m_context.sessionCache(), id = user.id] { cache->eraseUser(id); });
    return user;
}

Outcome<UserService::SignIn> UserService::signIn(const std::string &email,
                                                 const std::string &password,
                                                 const std::string &requestId,
                                                 std::chrono::seconds &retryAfter) const
{
    const std::string key = lowerCase(email);
    const auto monotonicNow = std::chrono::steady_clock::now();
    if (m_context.loginThrottle().isLocked(key, monotonicNow, retryAfter)) {
        ApiError error = ApiError::rateLimited("Too many failed sign-ins for this account; try "
                                               "again after the time in Retry-After");
        error.code = "too_many_attempts";
        return error;
    }

    std::optional<UserRecord> user;
    {
        Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
            Store::Mode::Read);
        if (!transaction)
            return m_context.storageFailure(transaction.error(), requestId);
        Result<std::optional<UserRecord>> found = (*transaction)->userByEmail(key);
        if (!found)
            return m_context.storageFailure(found.error(), requestId);
        user = std::move(found).value();
    }
    // An unknown email costs the same hash as a wrong password, so timing tells nothing.
    static const std::string decoy = PasswordHasher::hash("decoy password for timing").value();
    const bool valid = PasswordHasher::verify(password, user ? user->passwordHash : decoy)
                       && user.has_value();
    if (!valid) {
        m_context.loginThrottle().recordFailure(key, monotonicNow);
        return ApiError{401,
                        "authentication_error",
                        "invalid_credentials",
                        "The email or the password is wrong",
                        {}};
    }
    m_context.loginThrottle().recordSuccess(key);

    SignIn signIn;
    signIn.token = SessionToken::generate();
    signIn.session.tokenHash = SessionToken::hash(signIn.token);
    signIn.session.userId = user->id;
    signIn.session.createdAt = m_context.now();
    signIn.session.expiresAt = signIn.session.createdAt + m_context.sessionLifetime();
    signIn.user = std::move(*user);

    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    if (Status inserted = (*transaction)->insertSession(signIn.session); !inserted)
        return m_context.storageFailure(inserted.error(), requestId);
    if (Status committed = (*transaction)->commit(); !committed)
        return m_context.storageFailure(committed.error(), requestId);
    return signIn;
}

Outcome<bool> UserService::signOut(const Principal &principal, const std::string &requestId) const
{
    Result<std::unique_ptr<StoreTransaction>> transaction = m_context.store().begin(
        Store::Mode::Write);
    if (!transaction)
        return m_context.storageFailure(transaction.error(), requestId);
    if (Status removed = (*transaction)->deleteSession(principal.tokenHash); !removed)
        return m_context.storageFailure(removed.error(), requestId);
    Status committed = (*transaction)->commit();
    // After the commit: a lookup that read the session before it cannot cache it again (see
    // SessionCache::insert); erased even when the commit failed, which costs one lookup.
    m_context.sessionCache().erase(principal.tokenHash);
    if (!committed)
        return m_context.storageFailure(committed.error(), requestId);
    return true;
}

} // namespace Tenantry::Server
