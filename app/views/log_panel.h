// The cloud's log and notable events as a filterable table (a dock in the main window). Widgets
// only; the rows come from a LogModel. GUI thread.
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace cleave::studio {

class LogPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LogPanel(QWidget* parent = nullptr);

  void setLogModel(QAbstractItemModel* model);
  QTableView* table() const { return m_table; }

 private:
  QLineEdit* m_filter = nullptr;
  QSortFilterProxyModel* m_proxy = nullptr;
  QTableView* m_table = nullptr;
};

}  // namespace cleave::studio
