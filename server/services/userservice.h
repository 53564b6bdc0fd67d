#pragma once

#include "server/api/apicontext.h"
#include "server/api/apihelpers.h"
#include "server/api/principal.h"

#include <string>

namespace Tenantry::Server {

struct UserDraft
{
    std::string email;
    std::string password;
    Role role = Role::Viewer;
    std::string name;
};

// Control-plane users: creation (from the API or `tenantryd user add`), sign-in and sign-out.
class UserService
{
public:
    static constexpr std::size_t MinimumPasswordLength = 12;

    explicit UserService(ApiContext &context)
        : m_context(context)
    {}

    // `actor` is who creates the user; the command line passes systemPrincipal().
    Outcome<UserRecord> create(const Principal &actor,
                               const std::string &requestId,
                               UserDraft draft) const;

    struct SignIn
    {
        std::string token; // the bearer token: shown once, stored only hashed
        SessionRecord session;
        UserRecord user;
    };
    // 401 invalid_credentials for an unknown email or a wrong password (the same answer and
    // about the same time for both); 429 too_many_attempts after repeated failures, with
    // `retryAfter` set to when the account may try again.
    Outcome<SignIn> signIn(const std::string &email,
                           const std::string &password,
                           const std::string &requestId,
                           std::chrono::seconds &retryAfter) const;
    Outcome<bool> signOut(const Principal &principal, const std::string &requestId) const;

    // The actor recorded for changes made from the server's command line.
    static Principal systemPrincipal();

private:
    ApiContext &m_context;
};

} // namespace Tenantry::Server
