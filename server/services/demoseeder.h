#pragma once

#include "server/api/apicontext.h"

#include <string>
#include <vector>

namespace Tenantry::Server {

struct DemoCredential
{
    std::string email;
    std::string password;
    std::string role;
};

// `tenantryd --demo`: fills an empty store with deterministic demo data (core's
// DemoDataGenerator: the seed's catalog plus a yearly plan, 2,000 tenants with two years of
// history) and one user per role with a fresh random password. A store that already has users
// is left alone (the demo can be restarted on the same data folder) and nothing is returned.
class DemoSeeder
{
public:
    explicit DemoSeeder(ApiContext &context)
        : m_context(context)
    {}

    Result<std::vector<DemoCredential>> seed(int customers = 2000, int months = 24) const;

    // Writes the credentials as a JSON array of {"email","password","role"} to `path` with
    // mode 0600 (the file holds passwords).
    static Status writeCredentials(const std::string &path,
                                   const std::vector<DemoCredential> &credentials);

private:
    ApiContext &m_context;
};

} // namespace Tenantry::Server
