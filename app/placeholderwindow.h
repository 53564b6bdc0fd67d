#pragma once

// A stand-in main window until ui/ brings the real one: it says where the console is connected,
// as whom, and what it found there (or what went wrong).

#include <QLabel>
#include <QMainWindow>

namespace Tenantry {

class PlaceholderWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit PlaceholderWindow(QWidget *parent = nullptr);

    void setStatus(const QString &text);
    QString status() const;

private:
    QLabel *m_status; // owned by the window (its central widget)
};

} // namespace Tenantry
