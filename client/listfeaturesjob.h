#pragma once

#include "client/apilistjob.h"
#include "core/feature.h"

namespace Tenantry {

// GET /v1/features: one page of the features plans can include (the cursor is a feature key).
class ListFeaturesJob : public ApiListJob<Feature>
{
    Q_OBJECT

public:
    ListFeaturesJob(ApiClient *client,
                    int limit = 0,
                    const QString &startingAfter = {},
                    QObject *parent = nullptr);
};

} // namespace Tenantry
