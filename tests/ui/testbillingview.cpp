// The Billing page against a real tenantryd --demo (Stripe webhook secret set, one attempt
// before an event is dead), offscreen. Signed Stripe events are delivered to the server the way
// Stripe does (HMAC-SHA256 of "<t>.<body>"): one of a type nobody handles (ignored), one whose
// subscription object is malformed (dead), and an invoice that arrives before its subscription
// (dead until replayed). The page opens on the dead ones; replaying the invoice from the page
// applies it on the server; finance may look but not act, and support and viewers do not get
// the page at all.

#include "tests/ui/uitestsupport.h"
// After uitestsupport.h: its helpers mean Tenantry::ApiClient, not this blocking one.
#include "tests/server/support/apiclient.h"
#include "ui/actiondialog.h"
#include "ui/billingdrifttablemodel.h"
#include "ui/billingview.h"
#include "ui/displayformat.h"
#include "ui/mainwindow.h"
#include "ui/sectionwidget.h"
#include "ui/webhookeventtablemodel.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QMessageAuthenticationCode>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

#include <memory>

using namespace Tenantry;
using Tenantry::TestSupport::SignedIn;
using Tenantry::TestSupport::TenantrydProcess;
using HttpClient = Tenantry::TestSupport::ApiClient;
using HttpResponse = Tenantry::TestSupport::ApiResponse;

namespace {

constexpr int timeoutMs = 30000;
// A month of the demo's subscriptions takes the simulator tens of seconds.
constexpr int advanceTimeoutMs = 180000;
const QByteArray webhookSecret = QByteArrayLiteral("whsec_test_tenantry_billing_console");

QJsonObject fixture(const QString &name)
{
    static const QJsonObject resources = [] {
        QFile file(QStringLiteral(TENANTRY_TEST_DATA_DIR "/stripe/fixtures.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read the Stripe fixtures");
        return QJsonDocument::fromJson(file.readAll()).object()[u"resources"].toObject();
    }();
    return resources[name].toObject();
}

QByteArray eventBody(const QString &id,
                     const QString &type,
                     qint64 created,
                     const QJsonObject &object)
{
    QJsonObject event = fixture(QStringLiteral("event"));
    event[u"id"] = id;
    event[u"type"] = type;
    event[u"created"] = created;
    event[u"api_version"] = QStringLiteral("2025-03-31.basil");
    event[u"data"] = QJsonObject{{QStringLiteral("object"), object}};
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

// Stripe's scheme (server/billing/stripe/stripesignature.h): v1 = HMAC-SHA256 of "<t>.<body>".
QByteArray signatureOf(const QByteArray &body)
{
    const QByteArray t = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray v1 = QMessageAuthenticationCode::hash(t + '.' + body,
                                                           webhookSecret,
                                                           QCryptographicHash::Sha256)
                              .toHex();
    return "t=" + t + ",v1=" + v1;
}

QJsonObject subscriptionObject(const QString &id,
                               const QString &customer,
                               const QString &price,
                               qint64 start)
{
    QJsonObject object = fixture(QStringLiteral("subscription"));
    object[u"id"] = id;
    object[u"customer"] = customer;
    object[u"status"] = QStringLiteral("active");
    object[u"created"] = start;
    object[u"start_date"] = start;
    object[u"trial_start"] = QJsonValue(QJsonValue::Null);
    object[u"trial_end"] = QJsonValue(QJsonValue::Null);
    object[u"cancel_at_period_end"] = false;
    object[u"cancel_at"] = QJsonValue(QJsonValue::Null);
    object[u"canceled_at"] = QJsonValue(QJsonValue::Null);
    object[u"ended_at"] = QJsonValue(QJsonValue::Null);
    QJsonObject items = object[u"items"].toObject();
    QJsonArray data = items[u"data"].toArray();
    QJsonObject item = data[0].toObject();
    QJsonObject priceObject = item[u"price"].toObject();
    priceObject[u"id"] = price;
    item[u"price"] = priceObject;
    QJsonObject plan = item[u"plan"].toObject();
    plan[u"id"] = price;
    item[u"plan"] = plan;
    item[u"quantity"] = 1;
    item[u"subscription"] = id;
    item[u"current_period_start"] = start;
    item[u"current_period_end"] = start + 30 * qint64(86400);
    data[0] = item;
    items[u"data"] = data;
    items[u"url"] = QString(QStringLiteral("/v1/subscription_items?subscription=") + id);
    object[u"items"] = items;
    return object;
}

QJsonObject invoiceObject(const QString &id,
                          const QString &customer,
                          const QString &subscription,
                          qint64 created)
{
    QJsonObject object = fixture(QStringLiteral("invoice"));
    object[u"id"] = id;
    object[u"customer"] = customer;
    object[u"status"] = QStringLiteral("paid");
    object[u"amount_due"] = 4900;
    object[u"amount_paid"] = 4900;
    object[u"amount_remaining"] = 0;
    object[u"created"] = created;
    object[u"period_start"] = created;
    object[u"period_end"] = created;
    QJsonObject parent = object[u"parent"].toObject();
    parent[u"type"] = QStringLiteral("subscription_details");
    QJsonObject details = parent[u"subscription_details"].toObject();
    details[u"subscription"] = subscription;
    parent[u"subscription_details"] = details;
    parent.remove(QStringLiteral("quote_details"));
    object[u"parent"] = parent;
    return object;
}

int rowOf(const WebhookEventTableModel *model, const QString &eventId)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(WebhookEventTableModel::EventIdRole).toString() == eventId)
            return row;
    }
    return -1;
}

void selectRow(QTableView *table, int sourceRow)
{
    const auto *proxy = static_cast<const QSortFilterProxyModel *>(table->model());
    const QModelIndex index = proxy->mapFromSource(proxy->sourceModel()->index(sourceRow, 0));
    table->selectionModel()->select(index,
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

template<typename Dialog>
Dialog *waitForDialog(QWidget *parent, const QString &name)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (auto *dialog = parent->findChild<Dialog *>(name); dialog && dialog->isVisible())
            return dialog;
        QTest::qWait(20);
    }
    return nullptr;
}

} // namespace

class TestBillingView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TenantrydProcess> m_server;
    std::unique_ptr<HttpClient> m_http;   // the owner, for setting up and checking
    std::unique_ptr<HttpClient> m_stripe; // no token: what Stripe is
    SignedIn m_owner;
    SignedIn m_finance;
    qint64 m_base = 0;

    HttpResponse deliver(const QByteArray &body)
    {
        return m_stripe->request("POST",
                                 QStringLiteral("/v1/webhooks/stripe"),
                                 body,
                                 {{"Content-Type", "application/json"},
                                  {"Stripe-Signature", signatureOf(body)}});
    }

    QJsonObject serverEvent(const QString &id)
    {
        const HttpResponse list = m_http->get(QStringLiteral("/v1/webhook-events?limit=100"));
        const QJsonArray data = list.json()[u"data"].toArray();
        for (const QJsonValue event : data) {
            if (event[u"id"].toString() == id)
                return event.toObject();
        }
        return {};
    }

    QJsonObject waitForStatus(const QString &id, const QString &status)
    {
        QDeadlineTimer deadline(timeoutMs);
        QJsonObject event;
        while (!deadline.hasExpired()) {
            event = serverEvent(id);
            if (event[u"status"].toString() == status)
                return event;
            QTest::qWait(50);
        }
        qWarning() << "event" << id << "is" << event;
        return event;
    }

    static bool waitForEvents(QSignalSpy &loaded, int count = 1)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (loaded.count() < count && !deadline.hasExpired())
            loaded.wait(200);
        return loaded.count() >= count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!TenantrydProcess::binary().isEmpty(), "TENANTRYD_BIN is not set");
        m_server = std::make_unique<TenantrydProcess>(
            QStringList{QStringLiteral("--demo"),
                        QStringLiteral("--stripe-webhook-secret"),
                        QString::fromLatin1(webhookSecret),
                        QStringLiteral("--webhook-max-attempts"),
                        QStringLiteral("1"),
                        QStringLiteral("--webhook-retry-base-ms"),
                        QStringLiteral("1")});
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_http = std::make_unique<HttpClient>(m_server->baseUrl());
        QVERIFY(m_http->signIn(QStringLiteral("owner@demo.tenantry.dev"),
                               m_server->demoPassword(QStringLiteral("owner"))));
        m_stripe = std::make_unique<HttpClient>(m_server->baseUrl());
        m_owner = TestSupport::signIn(*m_server, "owner");
        QVERIFY(m_owner.client);
        m_finance = TestSupport::signIn(*m_server, "finance");
        QVERIFY(m_finance.client);
        m_base = QDateTime::currentSecsSinceEpoch() - 7200;

        // A demo tenant that churned: active, on no plan, linked to its Stripe customer.
        QString customer;
        QString after;
        while (customer.isEmpty()) {
            const HttpResponse page = m_http->get(
                QStringLiteral("/v1/tenants?status=active&limit=100")
                + (after.isEmpty() ? QString() : QStringLiteral("&starting_after=") + after));
            QCOMPARE(page.status, 200);
            const QJsonArray tenants = page.json()[u"data"].toArray();
            for (const QJsonValue tenant : tenants) {
                if (tenant[u"plan_id"].isNull()) {
                    customer = QStringLiteral("cus_demo_") + tenant[u"slug"].toString();
                    break;
                }
            }
            if (!page.json()[u"has_more"].toBool() || tenants.isEmpty())
                break;
            after = tenants.last()[u"id"].toString();
        }
        QVERIFY(!customer.isEmpty());

        // A type nobody handles: ignored.
        QCOMPARE(deliver(eventBody(QStringLiteral("evt_ui_unknown"),
                                   QStringLiteral("customer.created"),
                                   m_base,
                                   {{QStringLiteral("id"), QStringLiteral("cus_ui_nobody")},
                                    {QStringLiteral("object"), QStringLiteral("customer")}}))
                     .status,
                 200);
        // A subscription object without its fields: the handler fails, dead after one attempt.
        QCOMPARE(deliver(eventBody(QStringLiteral("evt_ui_broken"),
                                   QStringLiteral("customer.subscription.updated"),
                                   m_base + 1,
                                   {{QStringLiteral("id"), QStringLiteral("sub_ui_broken")},
                                    {QStringLiteral("object"), QStringLiteral("subscription")}}))
                     .status,
                 200);
        // An invoice before its subscription: dead, until the subscription has arrived and the
        // invoice is replayed.
        QCOMPARE(deliver(eventBody(QStringLiteral("evt_ui_invoice_early"),
                                   QStringLiteral("invoice.paid"),
                                   m_base + 10,
                                   invoiceObject(QStringLiteral("in_ui_early"),
                                                 customer,
                                                 QStringLiteral("sub_ui_late"),
                                                 m_base + 10)))
                     .status,
                 200);
        QCOMPARE(waitForStatus(QStringLiteral("evt_ui_unknown"),
                               QStringLiteral("ignored"))[u"status"],
                 QJsonValue(QStringLiteral("ignored")));
        QCOMPARE(waitForStatus(QStringLiteral("evt_ui_broken"), QStringLiteral("dead"))[u"status"],
                 QJsonValue(QStringLiteral("dead")));
        QCOMPARE(waitForStatus(QStringLiteral("evt_ui_invoice_early"),
                               QStringLiteral("dead"))[u"status"],
                 QJsonValue(QStringLiteral("dead")));
        QCOMPARE(deliver(eventBody(QStringLiteral("evt_ui_sub_late"),
                                   QStringLiteral("customer.subscription.created"),
                                   m_base + 5,
                                   subscriptionObject(QStringLiteral("sub_ui_late"),
                                                      customer,
                                                      QStringLiteral("price_demo_pro_usd"),
                                                      m_base)))
                     .status,
                 200);
        QCOMPARE(waitForStatus(QStringLiteral("evt_ui_sub_late"),
                               QStringLiteral("processed"))[u"status"],
                 QJsonValue(QStringLiteral("processed")));
    }

    void cleanupTestCase()
    {
        m_owner.client.reset();
        m_finance.client.reset();
        m_http.reset();
        m_stripe.reset();
        m_server.reset();
    }

    void opensOnTheDeadEvents()
    {
        BillingView view(m_owner.client.get());
        view.setPermissions(Permissions(QStringLiteral("owner")));
        view.resize(1100, 700);
        view.show();
        QSignalSpy loaded(&view, &BillingView::eventsLoaded);
        view.reload();
        QVERIFY(waitForEvents(loaded));
        QCOMPARE(view.statusFilterValue(), QStringLiteral("dead"));
        const WebhookEventTableModel *model = view.eventModel();
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(rowOf(model, QStringLiteral("evt_ui_broken")) >= 0);
        const int row = rowOf(model, QStringLiteral("evt_ui_invoice_early"));
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, WebhookEventTableModel::Status).data().toString(),
                 QStringLiteral("Dead"));
        QCOMPARE(model->index(row, WebhookEventTableModel::Type).data().toString(),
                 QStringLiteral("invoice.paid"));
        QCOMPARE(model->index(row, WebhookEventTableModel::Attempts).data().toString(),
                 QStringLiteral("1"));
        QVERIFY2(model->index(row, WebhookEventTableModel::LastError)
                     .data()
                     .toString()
                     .contains(u"sub_ui_late"),
                 qPrintable(model->index(row, WebhookEventTableModel::LastError).data().toString()));

        // Every status: the ignored and the processed ones too.
        view.setStatusFilter(QString());
        QVERIFY(waitForEvents(loaded, 2));
        QVERIFY(model->rowCount() >= 4);
        const int ignored = rowOf(model, QStringLiteral("evt_ui_unknown"));
        QVERIFY(ignored >= 0);
        QCOMPARE(model->index(ignored, WebhookEventTableModel::Status).data().toString(),
                 QStringLiteral("Ignored"));

        // Two at a time: "Show older" brings the next page under the first.
        view.setEventPageSize(2);
        view.findChild<QPushButton *>(QStringLiteral("refreshEventsButton"))->click();
        QVERIFY(waitForEvents(loaded, 3));
        QCOMPARE(model->rowCount(), 2);
        auto *more = view.findChild<QWidget *>(QStringLiteral("webhookInbox"))
                         ->findChild<QPushButton *>(QStringLiteral("moreButton"));
        QVERIFY(more && more->isVisible());
        const QString newest = model->index(0, 0)
                                   .data(WebhookEventTableModel::EventIdRole)
                                   .toString();
        more->click();
        QVERIFY(waitForEvents(loaded, 4));
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->index(0, 0).data(WebhookEventTableModel::EventIdRole).toString(), newest);
        QStringList ids;
        for (int shown = 0; shown < model->rowCount(); ++shown)
            ids.append(model->index(shown, 0).data(WebhookEventTableModel::EventIdRole).toString());
        ids.removeDuplicates();
        QCOMPARE(ids.size(), 4);
        view.setEventPageSize(0); // back to the default
        QCOMPARE(view.eventPageSize(), BillingView::defaultEventPageSize);
        view.findChild<QPushButton *>(QStringLiteral("refreshEventsButton"))->click();
        QVERIFY(waitForEvents(loaded, 5));
        // The demo's billing history holds thousands of events: there are older ones still.
        QVERIFY(more->isVisible());
        // The dead ones fit on one page: nothing older to show.
        view.setStatusFilter(QStringLiteral("dead"));
        QVERIFY(waitForEvents(loaded, 6));
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(!more->isVisible());

        // A processed event cannot be replayed: the button says what to select.
        view.setStatusFilter(QString());
        QVERIFY(waitForEvents(loaded, 7));
        auto *replay = view.findChild<QPushButton *>(QStringLiteral("replayButton"));
        selectRow(view.eventTable(), rowOf(model, QStringLiteral("evt_ui_sub_late")));
        QVERIFY(!replay->isEnabled());
        QVERIFY(!view.replaySelected());
        selectRow(view.eventTable(), rowOf(model, QStringLiteral("evt_ui_unknown")));
        QVERIFY(replay->isEnabled());
    }

    void replayingTheEarlyInvoiceAppliesIt()
    {
        BillingView view(m_owner.client.get());
        view.setPermissions(Permissions(QStringLiteral("owner")));
        view.show();
        QSignalSpy loaded(&view, &BillingView::eventsLoaded);
        view.reload();
        QVERIFY(waitForEvents(loaded));
        const int row = rowOf(view.eventModel(), QStringLiteral("evt_ui_invoice_early"));
        QVERIFY(row >= 0);
        selectRow(view.eventTable(), row);
        auto *replay = view.findChild<QPushButton *>(QStringLiteral("replayButton"));
        QVERIFY(replay->isEnabled());
        QSignalSpy replayed(&view, &BillingView::eventsReplayed);
        replay->click();
        auto *dialog = waitForDialog<ActionDialog>(&view, QStringLiteral("replayDialog"));
        QVERIFY(dialog);
        QVERIFY2(dialog->consequence().contains(u"pending"), qPrintable(dialog->consequence()));
        dialog->confirmButton()->click();
        QVERIFY(replayed.wait(timeoutMs));
        QCOMPARE(replayed.first().first().toInt(), 1);

        // On the server: applied now that its subscription is there, and the replay audited.
        const QJsonObject event = waitForStatus(QStringLiteral("evt_ui_invoice_early"),
                                                QStringLiteral("processed"));
        QCOMPARE(event[u"status"].toString(), QStringLiteral("processed"));
        const HttpResponse audit = m_http->get(
            QStringLiteral("/v1/audit-events?limit=100&target=evt_ui_invoice_early"));
        QCOMPARE(audit.status, 200);
        const QJsonArray entries = audit.json()[u"data"].toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0][u"action"].toString(), QStringLiteral("webhook_event.replayed"));

        // The page, refreshed: only the broken event is left among the dead.
        QDeadlineTimer deadline(timeoutMs);
        while (rowOf(view.eventModel(), QStringLiteral("evt_ui_invoice_early")) >= 0
               && !deadline.hasExpired()) {
            view.findChild<QPushButton *>(QStringLiteral("refreshEventsButton"))->click();
            loaded.wait(2000);
        }
        QCOMPARE(view.statusFilterValue(), QStringLiteral("dead"));
        QCOMPARE(view.eventModel()->rowCount(), 1);
        QVERIFY(rowOf(view.eventModel(), QStringLiteral("evt_ui_broken")) >= 0);
    }

    void financeLooksButCannotAct()
    {
        BillingView view(m_finance.client.get());
        view.setPermissions(Permissions(QStringLiteral("finance")));
        view.show();
        QSignalSpy loaded(&view, &BillingView::eventsLoaded);
        view.reload();
        QVERIFY(waitForEvents(loaded));
        QVERIFY(view.eventModel()->rowCount() >= 1);
        selectRow(view.eventTable(), rowOf(view.eventModel(), QStringLiteral("evt_ui_broken")));
        for (const char *name : {"replayButton",
                                 "runReconciliationButton",
                                 "applyDriftButton",
                                 "advanceDayButton",
                                 "advanceMonthButton",
                                 "advanceToButton"}) {
            auto *button = view.findChild<QPushButton *>(QLatin1String(name));
            QVERIFY2(button, name);
            QVERIFY2(!button->isEnabled(), name);
            QVERIFY2(button->toolTip().contains(u"billing.write"), name);
        }
        QVERIFY(!view.replaySelected());
        view.runReconciliation();
        QVERIFY(!view.reconciliation());
        QVERIFY(!view.isPolling());
    }

    void reconcilesAndAppliesTheProvidersValue()
    {
        // sub_ui_late came in by webhook only: the provider has never heard of it, so a
        // reconciliation finds it missing there.
        BillingView view(m_owner.client.get());
        view.setPermissions(Permissions(QStringLiteral("owner")));
        view.resize(1100, 800);
        view.show();
        QSignalSpy finished(&view, &BillingView::reconciliationFinished);
        QSignalSpy driftLoaded(&view, &BillingView::driftLoaded);
        view.reload();
        auto *run = view.findChild<QPushButton *>(QStringLiteral("runReconciliationButton"));
        QVERIFY(run->isEnabled());
        run->click();
        QVERIFY(!run->isEnabled());
        auto *progress = view.findChild<QProgressBar *>(QStringLiteral("reconciliationProgress"));
        QVERIFY(progress->isVisible());
        QVERIFY(finished.wait(timeoutMs));
        const JobRecord job = finished.first().first().value<JobRecord>();
        QVERIFY2(job.hasSucceeded(), job.errorMessage.c_str());
        QVERIFY(!view.isPolling());
        QVERIFY(!progress->isVisible());
        QVERIFY(driftLoaded.wait(timeoutMs));
        QVERIFY(run->isEnabled());

        const BillingDriftTableModel *model = view.driftModel();
        int row = -1;
        for (int i = 0; i < model->rowCount(); ++i) {
            if (model->record(i)->stripeSubscriptionId == "sub_ui_late")
                row = i;
        }
        QVERIFY2(row >= 0, qPrintable(QString::number(model->rowCount())));
        const BillingDrift drift = *model->record(row);
        QCOMPARE(drift.kind, std::string("missing_at_provider"));
        QCOMPARE(model->index(row, BillingDriftTableModel::Kind).data().toString(),
                 QStringLiteral("Missing at the provider"));
        QCOMPARE(model->index(row, BillingDriftTableModel::Provider).data().toString(),
                 QStringLiteral("none"));
        QVERIFY(view.driftTable()->isVisible());

        // Apply, after a confirmation that says what changes.
        auto *apply = view.findChild<QPushButton *>(QStringLiteral("applyDriftButton"));
        QVERIFY(!apply->isEnabled());
        selectRow(view.driftTable(), row);
        QVERIFY(apply->isEnabled());
        QSignalSpy applied(&view, &BillingView::driftApplied);
        apply->click();
        auto *dialog = waitForDialog<ActionDialog>(&view, QStringLiteral("applyDriftDialog"));
        QVERIFY(dialog);
        QVERIFY2(dialog->consequence().contains(u"does not exist at the billing provider"),
                 qPrintable(dialog->consequence()));
        dialog->confirmButton()->click();
        QVERIFY(applied.wait(timeoutMs));
        QCOMPARE(applied.first().first().toString(), QString::fromStdString(drift.id));

        // On the server: applied, by the owner, and audited.
        const HttpResponse rows = m_http->get(QStringLiteral("/v1/billing/drift?limit=100&job_id=")
                                              + QString::fromStdString(job.id));
        QCOMPARE(rows.status, 200);
        QJsonObject serverRow;
        const QJsonArray data = rows.json()[u"data"].toArray();
        for (const QJsonValue value : data) {
            if (value[u"id"].toString() == QString::fromStdString(drift.id))
                serverRow = value.toObject();
        }
        QVERIFY(!serverRow[u"applied_at"].isNull());
        QCOMPARE(serverRow[u"applied_by"].toString(), QString::fromStdString(m_owner.me.id));

        // The page shows it applied (the list reloads after the apply); the row cannot be
        // applied twice.
        const auto rowOfDrift = [model, &drift] {
            for (int i = 0; i < model->rowCount(); ++i) {
                if (model->record(i)->id == drift.id)
                    return i;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowOfDrift() >= 0 && model->record(rowOfDrift())->isApplied(),
                                 timeoutMs);
        const int again = rowOfDrift();
        QVERIFY(model->index(again, BillingDriftTableModel::Applied)
                    .data()
                    .toString()
                    .startsWith(u"Applied"));
        selectRow(view.driftTable(), again);
        QVERIFY(!apply->isEnabled());
        QVERIFY(!view.applySelectedDrift());

        // Opened again, the page shows this report (finance too).
        BillingView later(m_finance.client.get());
        later.setPermissions(Permissions(QStringLiteral("finance")));
        QSignalSpy laterLoaded(&later, &BillingView::driftLoaded);
        later.reload();
        QVERIFY(laterLoaded.wait(timeoutMs));
        QVERIFY(later.reconciliation());
        QCOMPARE(later.reconciliation()->id, job.id);
        QCOMPARE(later.driftModel()->rowCount(), model->rowCount());
    }

    void advancesTheTestClockFromThePage()
    {
        BillingView view(m_owner.client.get());
        view.setPermissions(Permissions(QStringLiteral("owner")));
        view.show();
        QSignalSpy billing(&view, &BillingView::billingLoaded);
        QSignalSpy loaded(&view, &BillingView::eventsLoaded);
        view.reload();
        QVERIFY(billing.wait(timeoutMs));
        QVERIFY(waitForEvents(loaded));
        QVERIFY(view.billing());
        QCOMPARE(view.billing()->provider, std::string("simulator"));
        QVERIFY(view.billing()->hasTestClock());
        auto *provider = view.findChild<QLabel *>(QStringLiteral("billingProvider"));
        QVERIFY2(provider->text().contains(u"Simulator"), qPrintable(provider->text()));
        const Timestamp before = *view.billing()->testClock;
        auto *clock = view.findChild<QLabel *>(QStringLiteral("testClock"));
        QVERIFY(clock->isVisible());
        QCOMPARE(clock->text(), DisplayFormat::dateTime(before));

        // A month, off the GUI thread: busy meanwhile, the new time after.
        auto *month = view.findChild<QPushButton *>(QStringLiteral("advanceMonthButton"));
        QVERIFY(month->isVisible());
        QVERIFY(month->isEnabled());
        const int inboxLoads = static_cast<int>(loaded.count());
        month->click();
        QVERIFY(view.isAdvancing());
        QVERIFY(!month->isEnabled());
        QVERIFY(view.findChild<QProgressBar *>(QStringLiteral("advanceBusy"))->isVisible());
        QVERIFY(billing.wait(advanceTimeoutMs));
        QVERIFY(!view.isAdvancing());
        QVERIFY(month->isEnabled());
        const Timestamp monthLater = *view.billing()->testClock;
        QCOMPARE(monthLater, addCalendarMonths(before, 1));
        QCOMPARE(clock->text(), DisplayFormat::dateTime(monthLater));
        QVERIFY(clock->text() != DisplayFormat::dateTime(before));
        const HttpResponse state = m_http->get(QStringLiteral("/v1/billing"));
        QCOMPARE(state.status, 200);
        QCOMPARE(state.json()[u"test_clock"][u"frozen_time"].toString(),
                 QString::fromStdString(formatRfc3339(monthLater)));
        // The inbox reloads: what fell due arrives there.
        QVERIFY(waitForEvents(loaded, inboxLoads + 1));

        // A day, then "Advance to…" through its dialog.
        view.findChild<QPushButton *>(QStringLiteral("advanceDayButton"))->click();
        QVERIFY(billing.wait(advanceTimeoutMs));
        const Timestamp dayLater = *view.billing()->testClock;
        QCOMPARE(dayLater, monthLater + std::chrono::hours(24));
        ActionDialog *dialog = view.advanceTo();
        QVERIFY(dialog);
        auto *edit = dialog->findChild<QDateTimeEdit *>(QStringLiteral("advanceToEdit"));
        QVERIFY(edit);
        edit->setDateTime(DisplayFormat::toDateTime(dayLater).addDays(3));
        QVERIFY2(dialog->consequence().contains(u"3 day"), qPrintable(dialog->consequence()));
        const Timestamp target = DisplayFormat::fromDateTime(edit->dateTime());
        dialog->confirmButton()->click();
        QVERIFY(billing.wait(advanceTimeoutMs));
        QCOMPARE(*view.billing()->testClock, target);
        QCOMPARE(clock->text(), DisplayFormat::dateTime(target));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("billingError"))->isHidden());
    }

    void withoutAProviderThePageSaysSo()
    {
        TenantrydProcess server(
            {QStringLiteral("--demo"), QStringLiteral("--billing"), QStringLiteral("none")});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        SignedIn owner = TestSupport::signIn(server, "owner");
        QVERIFY(owner.client);
        BillingView view(owner.client.get());
        view.setPermissions(Permissions(QStringLiteral("owner")));
        view.show();
        QSignalSpy billing(&view, &BillingView::billingLoaded);
        view.reload();
        QVERIFY(billing.wait(timeoutMs));
        QCOMPARE(view.billing()->provider, std::string("none"));
        QVERIFY(!view.billing()->hasTestClock());
        QVERIFY2(view.findChild<QLabel *>(QStringLiteral("billingProvider"))
                     ->text()
                     .contains(u"not configured"),
                 qPrintable(view.findChild<QLabel *>(QStringLiteral("billingProvider"))->text()));
        for (const char *name : {"advanceDayButton", "advanceMonthButton", "advanceToButton"})
            QVERIFY2(view.findChild<QPushButton *>(QLatin1String(name))->isHidden(), name);
        QVERIFY(!view.advanceTo());

        // Reconciliation needs a provider: the server's refusal, in the section, with Retry.
        QSignalSpy failed(&view, &BillingView::errorOccurred);
        view.findChild<QPushButton *>(QStringLiteral("runReconciliationButton"))->click();
        QVERIFY(failed.wait(timeoutMs));
        const auto apiError = failed.last().first().value<ApiError>();
        QCOMPARE(apiError.code(), QStringLiteral("billing_provider_unavailable"));
        auto *section = view.findChild<SectionWidget *>(QStringLiteral("reconciliation"));
        QCOMPARE(section->state(), SectionWidget::State::Error);
        QVERIFY2(section->errorText().contains(u"could not be started"),
                 qPrintable(section->errorText()));
        QVERIFY(!view.isPolling());
        QVERIFY(!view.reconciliation());
        // Retry asks again (the same request: the same Idempotency-Key) and is refused again.
        section->findChild<QPushButton *>(QStringLiteral("retryButton"))->click();
        QVERIFY(failed.wait(timeoutMs));
        QCOMPARE(failed.last().first().value<ApiError>().code(),
                 QStringLiteral("billing_provider_unavailable"));
        QCOMPARE(section->state(), SectionWidget::State::Error);
    }

    void supportAndViewerDoNotGetThePage()
    {
        for (const char *role : {"support", "viewer"}) {
            SignedIn signedIn = TestSupport::signIn(*m_server, role);
            QVERIFY(signedIn.client);
            MainWindow window(signedIn.client.get());
            QSignalSpy started(&window, &MainWindow::sessionStarted);
            window.startSession();
            window.show();
            QVERIFY(started.wait(timeoutMs));
            auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
            QListWidgetItem *item = navigation->item(static_cast<int>(MainWindow::Page::Billing));
            QCOMPARE(item->text(), QStringLiteral("Billing"));
            QVERIFY2(!(item->flags() & Qt::ItemIsEnabled), role);
            QVERIFY2(item->toolTip().contains(u"billing.read"), qPrintable(item->toolTip()));
            window.showPage(MainWindow::Page::Billing);
            QVERIFY(window.currentPage() != MainWindow::Page::Billing);
            QVERIFY(!window.billingView()->hasLoaded());
        }
        // An admin does, and the page loads when first shown.
        SignedIn admin = TestSupport::signIn(*m_server, "admin");
        MainWindow window(admin.client.get());
        QSignalSpy started(&window, &MainWindow::sessionStarted);
        window.startSession();
        window.show();
        QVERIFY(started.wait(timeoutMs));
        QSignalSpy loaded(window.billingView(), &BillingView::eventsLoaded);
        window.showPage(MainWindow::Page::Billing);
        QCOMPARE(window.currentPage(), MainWindow::Page::Billing);
        QVERIFY(loaded.wait(timeoutMs));
        QVERIFY(window.billingView()->eventModel()->rowCount() >= 1);
    }
};

QTEST_MAIN(TestBillingView)
#include "testbillingview.moc"
