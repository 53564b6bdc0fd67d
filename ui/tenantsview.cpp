#include "ui/tenantsview.h"

#include "client/gettenantjob.h"
#include "client/reactivatetenantjob.h"
#include "client/suspendtenantjob.h"
#include "ui/displaytext.h"
#include "ui/errormessagebox.h"
#include "ui/statusbadgedelegate.h"
#include "ui/tenantcsvexporter.h"
#include "ui/tenanttablemodel.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Tenantry {

namespace {

const QString tenantsWrite = QStringLiteral("tenants.write");

template<typename Enum>
std::optional<Enum> comboValue(const QComboBox *combo,
                               std::optional<Enum> (*parse)(std::string_view))
{
    const QString value = combo->currentData().toString();
    if (value.isEmpty())
        return std::nullopt;
    return parse(value.toStdString());
}

void selectData(QComboBox *combo, const QString &value)
{
    const int index = combo->findData(value);
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

TenantsView::TenantsView(ApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new TenantTableModel(client, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_plan(new QComboBox(this))
    , m_isolation(new QComboBox(this))
    , m_region(new QComboBox(this))
    , m_savedFilters(new QComboBox(this))
    , m_saveFilter(new QPushButton(tr("Save filter\u2026"), this))
    , m_deleteFilter(new QPushButton(tr("Delete"), this))
    , m_export(new QPushButton(tr("Export CSV\u2026"), this))
    , m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("tenantsView"));
    m_search->setObjectName(QStringLiteral("tenantSearch"));
    m_search->setPlaceholderText(tr("Search by name, slug, contact email or tenant id"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (TenantStatus status :
         {TenantStatus::Active, TenantStatus::Suspended, TenantStatus::Deleted})
        m_status->addItem(DisplayText::status(status), fromView(toString(status)));
    m_plan->setObjectName(QStringLiteral("planFilter"));
    m_plan->addItem(tr("Any plan"), QString());
    m_isolation->setObjectName(QStringLiteral("isolationFilter"));
    m_isolation->addItem(tr("Any placement"), QString());
    for (Isolation isolation : {Isolation::Pool, Isolation::Silo}) // the server has no hybrid
        m_isolation->addItem(DisplayText::isolation(isolation), fromView(toString(isolation)));
    m_region->setObjectName(QStringLiteral("regionFilter"));
    m_region->addItem(tr("Any region"), QString());
    for (const char *region : {"us-east-1", "eu-west-1", "ap-southeast-2"})
        m_region->addItem(QString::fromLatin1(region), QString::fromLatin1(region));
    m_savedFilters->setObjectName(QStringLiteral("savedFilters"));
    m_savedFilters->setMinimumContentsLength(12);
    m_savedFilters->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_saveFilter->setObjectName(QStringLiteral("saveFilterButton"));
    m_deleteFilter->setObjectName(QStringLiteral("deleteFilterButton"));
    m_export->setObjectName(QStringLiteral("exportCsvButton"));
    m_count->setObjectName(QStringLiteral("tenantCount"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TenantTableModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    m_table->setObjectName(QStringLiteral("tenantTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the server's order (newest first)
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, however many are loaded.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setItemDelegateForColumn(TenantTableModel::Status,
                                      new StatusBadgeDelegate(TenantTableModel::StatusRole,
                                                              m_table));
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_table->setColumnWidth(TenantTableModel::Name, 16 * em);
    m_table->setColumnWidth(TenantTableModel::Slug, 14 * em);
    m_table->setColumnWidth(TenantTableModel::Status, 8 * em);
    m_table->setColumnWidth(TenantTableModel::Plan, 9 * em);
    // As wide as its header ("Placement", longer in German) and its values need.
    const int placementHeader = m_table->horizontalHeader()->fontMetrics().horizontalAdvance(
                                    m_model->headerData(TenantTableModel::Isolation, Qt::Horizontal)
                                        .toString())
                                + 2 * em;
    m_table->setColumnWidth(TenantTableModel::Isolation, std::max(6 * em, placementHeader));
    m_table->setColumnWidth(TenantTableModel::Region, 10 * em);
    m_table->setColumnWidth(TenantTableModel::ContactEmail, 15 * em);
    m_table->setColumnWidth(TenantTableModel::Created, DisplayText::dateTimeWidth(fontMetrics()));
    // Columns can be shown and hidden from the header's context menu; the contact email (often
    // empty, and searchable anyway) starts hidden.
    m_table->setColumnHidden(TenantTableModel::ContactEmail, true);
    QHeaderView *header = m_table->horizontalHeader();
    header->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (int column = 0; column < TenantTableModel::ColumnCount; ++column) {
        auto *toggle = new QAction(m_model->headerData(column, Qt::Horizontal).toString(), header);
        toggle->setCheckable(true);
        toggle->setChecked(!m_table->isColumnHidden(column));
        toggle->setEnabled(column != TenantTableModel::Name);
        connect(toggle, &QAction::toggled, m_table, [this, column](bool shown) {
            m_table->setColumnHidden(column, !shown);
        });
        header->addAction(toggle);
    }

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_status);
    filters->addWidget(m_plan);
    filters->addWidget(m_isolation);
    filters->addWidget(m_region);
    auto *saved = new QHBoxLayout;
    auto *savedLabel = new QLabel(tr("Saved filters:"), this);
    savedLabel->setBuddy(m_savedFilters);
    saved->addWidget(savedLabel);
    saved->addWidget(m_savedFilters);
    saved->addWidget(m_saveFilter);
    saved->addWidget(m_deleteFilter);
    saved->addStretch(1);
    saved->addWidget(m_count);
    saved->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(saved);
    layout->addWidget(m_table, 1);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(searchDelayMs);
    connect(&m_searchTimer, &QTimer::timeout, this, &TenantsView::applyFilters);
    connect(m_search, &QLineEdit::textEdited, this, &TenantsView::scheduleSearch);
    connect(m_search, &QLineEdit::returnPressed, this, &TenantsView::applyFilters);
    for (QComboBox *combo : {m_status, m_plan, m_isolation, m_region}) {
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_applyingSaved)
                applyFilters();
        });
    }
    connect(m_savedFilters, &QComboBox::activated, this, &TenantsView::loadSavedFilter);
    connect(m_saveFilter, &QPushButton::clicked, this, &TenantsView::saveCurrentFilter);
    connect(m_deleteFilter, &QPushButton::clicked, this, &TenantsView::deleteSavedFilter);
    connect(m_export, &QPushButton::clicked, this, &TenantsView::exportCsv);
    connect(m_table, &QTableView::activated, this, &TenantsView::activate);
    connect(m_table, &QWidget::customContextMenuRequested, this, &TenantsView::showContextMenu);
    connect(m_model, &TenantTableModel::pageLoaded, this, &TenantsView::updateCountLabel);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TenantsView::updateCountLabel);
    connect(m_model, &TenantTableModel::loadingChanged, this, &TenantsView::updateCountLabel);
    connect(m_model, &TenantTableModel::errorOccurred, this, &TenantsView::errorOccurred);
    refreshSavedFilterNames();
    updateCountLabel();
}

void TenantsView::setPermissions(const Permissions &permissions)
{
    m_permissions = permissions;
}

void TenantsView::setPlans(const QList<QPair<QString, QString>> &plans)
{
    const QString selected = m_plan->currentData().toString();
    const bool was = m_applyingSaved;
    m_applyingSaved = true;
    m_plan->clear();
    m_plan->addItem(tr("Any plan"), QString());
    m_planNames.clear();
    for (const auto &[id, name] : plans) {
        m_plan->addItem(name, id);
        m_planNames.insert(id, name);
    }
    selectData(m_plan, selected);
    m_applyingSaved = was;
    m_model->setPlanNames(m_planNames);
}

TenantQuery TenantsView::currentQuery() const
{
    TenantQuery query;
    query.search = m_search->text().trimmed();
    query.status = comboValue<TenantStatus>(m_status, &tenantStatusFromString);
    query.planId = m_plan->currentData().toString();
    query.isolation = comboValue<Isolation>(m_isolation, &isolationFromString);
    query.region = m_region->currentData().toString();
    return query;
}

QString TenantsView::currentTenantId() const
{
    return m_table->currentIndex().data(TenantTableModel::TenantIdRole).toString();
}

void TenantsView::scheduleSearch()
{
    m_searchTimer.start();
}

void TenantsView::applyFilters()
{
    m_searchTimer.stop();
    m_model->setQuery(currentQuery());
}

void TenantsView::reload()
{
    m_model->reload();
}

void TenantsView::retry()
{
    if (m_model->error())
        m_model->retry();
}

void TenantsView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void TenantsView::updateCountLabel()
{
    const int rows = m_model->rowCount();
    if (m_model->isLoading() && rows == 0)
        m_count->setText(tr("Loading\u2026"));
    else if (m_model->hasLoadedAll())
        m_count->setText(tr("%Ln tenant(s)", nullptr, rows));
    else
        m_count->setText(tr("%Ln tenant(s) loaded, more as you scroll", nullptr, rows));
}

void TenantsView::activate(const QModelIndex &index)
{
    const QString id = index.data(TenantTableModel::TenantIdRole).toString();
    if (!id.isEmpty())
        Q_EMIT tenantActivated(id);
}

void TenantsView::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    QMenu *menu = createContextMenu(index.data(TenantTableModel::TenantIdRole).toString());
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

QMenu *TenantsView::createContextMenu(const QString &tenantId)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("tenantContextMenu"));
    menu->setToolTipsVisible(true);
    connect(menu, &QMenu::aboutToHide, menu, &QObject::deleteLater);
    const int row = m_model->rowOf(tenantId);
    const Tenant *tenant = m_model->tenantAt(row);

    QAction *open = menu->addAction(tr("Open"), this, [this, tenantId] {
        Q_EMIT tenantActivated(tenantId);
    });
    open->setObjectName(QStringLiteral("openAction"));
    menu->setDefaultAction(open);
    menu->addSeparator();

    const QString denial = m_permissions.denialReason(tenantsWrite);
    QAction *suspend = menu->addAction(tr("Suspend\u2026"), this, [this, tenantId] {
        suspendTenant(tenantId);
    });
    suspend->setObjectName(QStringLiteral("suspendAction"));
    QAction *reactivate = menu->addAction(tr("Reactivate"), this, [this, tenantId] {
        reactivateTenant(tenantId);
    });
    reactivate->setObjectName(QStringLiteral("reactivateAction"));
    if (!denial.isEmpty()) {
        suspend->setEnabled(false);
        suspend->setToolTip(denial);
        reactivate->setEnabled(false);
        reactivate->setToolTip(denial);
    } else if (tenant) {
        if (tenant->status != TenantStatus::Active) {
            suspend->setEnabled(false);
            suspend->setToolTip(tr("Only an active tenant can be suspended."));
        }
        if (tenant->status != TenantStatus::Suspended) {
            reactivate->setEnabled(false);
            reactivate->setToolTip(tr("Only a suspended tenant can be reactivated."));
        }
    }
    menu->addSeparator();
    menu->addAction(tr("Copy tenant id"), this, [tenantId] {
        QGuiApplication::clipboard()->setText(tenantId);
    });
    return menu;
}

void TenantsView::suspendTenant(const QString &tenantId)
{
    const Tenant *tenant = m_model->tenantAt(m_model->rowOf(tenantId));
    const QString name = tenant ? QString::fromStdString(tenant->name) : tenantId;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("suspendDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Suspend %1").arg(name));
    dialog->setLabelText(tr("Suspending %1 stops its users from signing in. Reason (kept in the "
                            "audit log):")
                             .arg(name));
    dialog->setOkButtonText(tr("Suspend"));
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, tenantId](const QString &reason) {
        auto *job = new SuspendTenantJob(m_client, tenantId, reason.trimmed(), this);
        connect(job, &ApiJob::finished, this, [this, job] {
            if (job->hasError())
                actionFailed(tr("The tenant could not be suspended"), *job->error());
            else
                tenantActionFinished(tr("Suspended %1."), job->tenant());
        });
        Q_EMIT statusMessage(tr("Suspending\u2026"));
        job->start();
    });
    dialog->open();
}

void TenantsView::reactivateTenant(const QString &tenantId)
{
    auto *job = new ReactivateTenantJob(m_client, tenantId, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->hasError())
            actionFailed(tr("The tenant could not be reactivated"), *job->error());
        else
            tenantActionFinished(tr("Reactivated %1."), job->tenant());
    });
    Q_EMIT statusMessage(tr("Reactivating\u2026"));
    job->start();
}

void TenantsView::tenantActionFinished(const QString &title, const Tenant &tenant)
{
    m_model->updateTenant(tenant);
    Q_EMIT statusMessage(title.arg(QString::fromStdString(tenant.name)));
    Q_EMIT tenantChanged(QString::fromStdString(tenant.id));
}

void TenantsView::actionFailed(const QString &title, const ApiError &error)
{
    Q_EMIT statusMessage(title);
    if (error.kind() == ApiError::Kind::Unauthorized)
        return; // the main window asks to sign in again
    if (error.kind() == ApiError::Kind::Network || error.kind() == ApiError::Kind::Timeout) {
        Q_EMIT errorOccurred(error);
        return;
    }
    ErrorMessageBox::showError(this, title, error);
}

void TenantsView::refreshTenant(const QString &tenantId)
{
    if (m_model->rowOf(tenantId) < 0)
        return;
    auto *job = new GetTenantJob(m_client, tenantId, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (!job->hasError())
            m_model->updateTenant(job->tenant());
    });
    job->start();
}

void TenantsView::saveCurrentFilter()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("saveFilterDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save filter"));
    dialog->setLabelText(tr("Name of this search and filters:"));
    dialog->setTextValue(m_savedFilters->currentText());
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString name = text.trimmed();
        if (name.isEmpty())
            return;
        m_saved.save(name, currentQuery());
        refreshSavedFilterNames(name);
    });
    dialog->open();
}

void TenantsView::refreshSavedFilterNames(const QString &select)
{
    m_savedFilters->clear();
    m_savedFilters->addItem(tr("(none)"), QString());
    const QStringList names = m_saved.names();
    for (const QString &name : names)
        m_savedFilters->addItem(name, name);
    selectData(m_savedFilters, select);
    m_deleteFilter->setEnabled(!names.isEmpty());
}

void TenantsView::loadSavedFilter(int index)
{
    const QString name = m_savedFilters->itemData(index).toString();
    if (name.isEmpty())
        return;
    const std::optional<TenantQuery> query = m_saved.filter(name);
    if (!query)
        return;
    m_applyingSaved = true;
    m_search->setText(query->search);
    selectData(m_status, query->status ? fromView(toString(*query->status)) : QString());
    selectData(m_plan, query->planId);
    selectData(m_isolation, query->isolation ? fromView(toString(*query->isolation)) : QString());
    selectData(m_region, query->region);
    m_applyingSaved = false;
    applyFilters();
}

void TenantsView::deleteSavedFilter()
{
    const QString name = m_savedFilters->currentData().toString();
    if (name.isEmpty())
        return;
    m_saved.remove(name);
    refreshSavedFilterNames();
}

void TenantsView::exportCsv()
{
    auto *dialog = new QFileDialog(this,
                                   tr("Export tenants"),
                                   QStandardPaths::writableLocation(
                                       QStandardPaths::DocumentsLocation)
                                       + QStringLiteral("/tenants.csv"),
                                   tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &fileName) {
        exportCsvTo(fileName);
    });
    dialog->open();
}

TenantCsvExporter *TenantsView::exportCsvTo(const QString &fileName)
{
    auto *exporter = new TenantCsvExporter(m_client, currentQuery(), fileName, this);
    exporter->setPlanNames(m_planNames);
    auto *progress = new QProgressDialog(tr("Exporting tenants\u2026"), tr("Cancel"), 0, 0, this);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowTitle(tr("Export tenants"));
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(exporter, &TenantCsvExporter::progressed, progress, [progress](qsizetype rows) {
        progress->setLabelText(tr("Exporting tenants\u2026 %1 written")
                                   .arg(QLocale().toString(static_cast<qlonglong>(rows))));
    });
    connect(progress, &QProgressDialog::canceled, exporter, [this, exporter, progress] {
        exporter->cancel();
        exporter->deleteLater();
        progress->close();
        Q_EMIT statusMessage(tr("Export cancelled; no file was written."));
    });
    connect(exporter, &TenantCsvExporter::finished, this, [this, exporter, progress] {
        // Closing a progress dialog emits canceled(): not a cancel here.
        disconnect(progress, &QProgressDialog::canceled, exporter, nullptr);
        progress->close();
        exporter->deleteLater();
        if (exporter->apiError()) {
            actionFailed(tr("The export failed"), *exporter->apiError());
        } else if (exporter->hasError()) {
            Q_EMIT statusMessage(exporter->errorMessage());
        } else {
            Q_EMIT statusMessage(tr("Exported %Ln tenant(s) to %1.",
                                    nullptr,
                                    static_cast<int>(exporter->rowsWritten()))
                                     .arg(QDir::toNativeSeparators(exporter->fileName())));
        }
    });
    exporter->start();
    return exporter;
}

} // namespace Tenantry
