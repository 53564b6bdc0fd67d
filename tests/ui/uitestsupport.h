#pragma once

// Helpers of the GUI tests that run against a real tenantryd --demo: signing in and running a
// job to its end from the test (the views themselves never wait).

#include "client/apiclient.h"
#include "client/apijob.h"
#include "client/getmejob.h"
#include "client/signinjob.h"
#include "tests/server/support/tenantrydprocess.h"

#include <QSignalSpy>

#include <memory>

namespace Tenantry::TestSupport {

inline bool runJob(ApiJob &job, int timeoutMs = 30000)
{
    job.setAutoDelete(false);
    QSignalSpy finished(&job, &ApiJob::finished);
    job.start();
    return finished.wait(timeoutMs) && finished.count() == 1 && !job.hasError();
}

struct SignedIn
{
    std::unique_ptr<ApiClient> client;
    User user; // from the session: without permissions
    User me;   // from GET /v1/me: with permissions
};

inline SignedIn signIn(const TenantrydProcess &server, const char *role)
{
    SignedIn result;
    result.client = std::make_unique<ApiClient>(QUrl(server.baseUrl()));
    SignInJob job(result.client.get(),
                  QLatin1String(role) + QStringLiteral("@demo.tenantry.dev"),
                  server.demoPassword(QLatin1String(role)));
    if (!runJob(job)) {
        result.client.reset();
        return result;
    }
    result.client->setToken(job.session().token);
    result.user = job.session().user;
    GetMeJob me(result.client.get());
    if (runJob(me))
        result.me = me.user();
    return result;
}

} // namespace Tenantry::TestSupport
