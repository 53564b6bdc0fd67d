#include "client/listfeaturesjob.h"

#include "client/apicodecs.h"

namespace Tenantry {

ListFeaturesJob::ListFeaturesJob(ApiClient *client,
                                 int limit,
                                 const QString &startingAfter,
                                 QObject *parent)
    : ApiListJob<Feature>(client,
                          QStringLiteral("/v1/features"),
                          &ApiCodecs::decodeFeaturePage,
                          parent)
{
    ApiClient::QueryItems query;
    addPaging(query, limit, startingAfter);
    setQuery(query);
}

} // namespace Tenantry
