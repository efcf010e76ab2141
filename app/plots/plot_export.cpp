#include "app/plots/plot_export.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>
#include <stdexcept>

namespace cleave::studio {

namespace {

QSize sizeOr(QWidget* widget, int width, int height) {
  return QSize(width > 0 ? width : widget->width(), height > 0 ? height : widget->height());
}

void checkWritten(const QString& path, const char* what) {
  const QFileInfo info(path);
  if (!info.exists() || info.size() == 0)
    throw std::runtime_error(std::string("could not write ") + what + " to " + path.toStdString());
}

void svgHeader(QSvgGenerator& svg, const QString& path, QSize size) {
  svg.setFileName(path);
  svg.setSize(size);
  svg.setViewBox(QRect(QPoint(0, 0), size));
  svg.setTitle(QFileInfo(path).completeBaseName());
  svg.setDescription(QStringLiteral("Cleave studio plot"));
}

}  // namespace

QCustomPlot* findPlot(QWidget* widget) {
  if (!widget) return nullptr;
  if (auto* plot = qobject_cast<QCustomPlot*>(widget)) return plot;
  return widget->findChild<QCustomPlot*>();
}

void savePlotPng(QCustomPlot* plot, const QString& path, int width, int height, double scale) {
  if (!plot) throw std::invalid_argument("savePlotPng: no plot");
  const QSize size = sizeOr(plot, width, height);
  if (!plot->savePng(path, size.width(), size.height(), scale))
    throw std::runtime_error("could not write PNG to " + path.toStdString());
  checkWritten(path, "PNG");
}

void savePlotSvg(QCustomPlot* plot, const QString& path, int width, int height) {
  if (!plot) throw std::invalid_argument("savePlotSvg: no plot");
  const QSize size = sizeOr(plot, width, height);
  if (size.isEmpty()) throw std::invalid_argument("savePlotSvg: the plot has no size");
  {
    QSvgGenerator svg;
    svgHeader(svg, path, size);
    QCPPainter painter;
    if (!painter.begin(&svg))
      throw std::runtime_error("could not open " + path.toStdString() + " for SVG output");
    plot->toPainter(&painter, size.width(), size.height());
    painter.end();
  }
  checkWritten(path, "SVG");
}

void exportWidget(QWidget* widget, const QString& path, int width, int height) {
  if (!widget) throw std::invalid_argument("exportWidget: no widget");
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
    throw std::invalid_argument("export " + path.toStdString() +
                                ": the file name must end in .png or .svg");
  QCustomPlot* plot = findPlot(widget);
  // A widget that is just a plot exports as the plot; composite widgets (labels) render whole.
  if (plot && plot->size() == widget->size() && width == 0 && height == 0) widget = plot;
  if (plot && widget == plot) {
    if (suffix == QLatin1String("png"))
      savePlotPng(plot, path, width, height);
    else
      savePlotSvg(plot, path, width, height);
    return;
  }
  const QSize size = sizeOr(widget, width, height);
  if (size != widget->size()) widget->resize(size);
  if (suffix == QLatin1String("png")) {
    if (!widget->grab().save(path, "PNG"))
      throw std::runtime_error("could not write PNG to " + path.toStdString());
    checkWritten(path, "PNG");
    return;
  }
  {
    QSvgGenerator svg;
    svgHeader(svg, path, size);
    QPainter painter;
    if (!painter.begin(&svg))
      throw std::runtime_error("could not open " + path.toStdString() + " for SVG output");
    widget->render(&painter);
    painter.end();
  }
  checkWritten(path, "SVG");
}

}  // namespace cleave::studio
