#pragma once

// The audit log: who did what to which object, newest first, filtered by actor (a user id),
// action, target and a time range; pages load as the table scrolls.

#include "client/apierror.h"
#include "client/auditeventquery.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QTableView;

namespace Tenantry {

class ApiClient;
class AuditEventTableModel;

class AuditLogView : public QWidget
{
    Q_OBJECT

public:
    explicit AuditLogView(ApiClient *client, QWidget *parent = nullptr);

    AuditEventTableModel *model() const { return m_model; }
    AuditEventQuery currentQuery() const;
    void reload();
    void retry();
    // Shows the events about one object (the target filter).
    void showTarget(const QString &targetId);

Q_SIGNALS:
    void tenantActivated(const QString &tenantId);
    void errorOccurred(const Tenantry::ApiError &error);

private:
    void applyFilters();
    void updateCount();

    AuditEventTableModel *m_model;
    QTableView *m_table;
    QLineEdit *m_actor;
    QComboBox *m_action;
    QLineEdit *m_target;
    QCheckBox *m_useFrom;
    QDateTimeEdit *m_from;
    QCheckBox *m_useTo;
    QDateTimeEdit *m_to;
    QLabel *m_count;
    QTimer m_debounce;
};

} // namespace Tenantry
