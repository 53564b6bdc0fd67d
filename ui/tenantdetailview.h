#pragma once

// PLACEHOLDER: the tenant detail ("360°") view is written in another worktree and replaces this
// file at merge. Only the agreed interface is here, with a label, so that the main window can be
// built and tested against it.

#include "client/apierror.h"
#include "client/user.h"

#include <QWidget>

class QLabel;

namespace Tenantry {

class ApiClient;

class TenantDetailView : public QWidget
{
    Q_OBJECT

public:
    TenantDetailView(ApiClient *client, const User &me, QWidget *parent = nullptr);

    void showTenant(const QString &tenantId);

Q_SIGNALS:
    void tenantChanged(const QString &tenantId);
    void errorOccurred(const Tenantry::ApiError &error);

private:
    QLabel *m_label;
};

} // namespace Tenantry
