#include "app/views/log_panel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace cleave::studio {

LogPanel::LogPanel(QWidget* parent) : QWidget(parent) {
  m_filter = new QLineEdit(this);
  m_filter->setPlaceholderText(tr("Filter the log (device, level or text)"));
  m_filter->setClearButtonEnabled(true);
  m_proxy = new QSortFilterProxyModel(this);
  m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
  m_proxy->setFilterKeyColumn(-1);  // any column matches
  m_table = new QTableView(this);
  m_table->setModel(m_proxy);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setWordWrap(false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(m_filter);
  layout->addWidget(m_table, 1);
  connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
  // Stay at the newest line unless the operator scrolled up to read.
  connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
    QScrollBar* bar = m_table->verticalScrollBar();
    if (bar->value() >= bar->maximum() - 2) m_table->scrollToBottom();
  });
}

void LogPanel::setLogModel(QAbstractItemModel* model) {
  m_proxy->setSourceModel(model);
}

}  // namespace cleave::studio
