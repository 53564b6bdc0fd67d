#pragma once

// PLACEHOLDER: the subscription screens are written in another worktree and replace this file
// at merge. Only the agreed interface is here, with a label.

#include "client/apierror.h"
#include "client/user.h"

#include <QWidget>

namespace Tenantry {

class ApiClient;

class SubscriptionsView : public QWidget
{
    Q_OBJECT

public:
    SubscriptionsView(ApiClient *client, const User &me, QWidget *parent = nullptr);

Q_SIGNALS:
    void tenantActivated(const QString &tenantId);
    void errorOccurred(const Tenantry::ApiError &error);
};

} // namespace Tenantry
