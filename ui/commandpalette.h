#pragma once

// Ctrl+K: a filter box over every view, every action and every tenant by name. Typing filters
// the actions at once and asks the server for matching tenants (debounced); Up/Down choose,
// Enter runs, Escape closes. Keyboard only; never waits for the server.

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QLineEdit;
class QListView;

namespace Tenantry {

class ApiClient;
class CommandPaletteModel;
class ListTenantsJob;

class CommandPalette : public QDialog
{
    Q_OBJECT

public:
    static constexpr int searchDelayMs = 200;
    static constexpr int tenantLimit = 8;

    CommandPalette(ApiClient *client, const QList<QAction *> &actions, QWidget *parent);

    // Clears the filter, places itself over the parent and opens.
    void popup();
    QLineEdit *input() const { return m_input; }
    CommandPaletteModel *model() const { return m_model; }

Q_SIGNALS:
    void tenantChosen(const QString &tenantId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void filterChanged(const QString &text);
    void searchTenants();
    void run(const QModelIndex &index);
    void selectFirst();

    ApiClient *m_client;
    QLineEdit *m_input;
    QListView *m_list;
    CommandPaletteModel *m_model;
    QTimer m_searchTimer;
    QPointer<ListTenantsJob> m_job;
};

} // namespace Tenantry
