#include "ui/main/HistoryPanel.h"

#include "ui/main/JobHistoryModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace td {

namespace {
// Text filter across every column plus a status filter.
class HistoryFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString state;
    void refilter() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QAbstractItemModel *m = sourceModel();
        if (!state.isEmpty() &&
            m->index(row, JobHistoryModel::State, parent).data().toString() != state)
            return false;
        const QRegularExpression re = filterRegularExpression();
        if (re.pattern().isEmpty())
            return true;
        for (int c = 0; c < m->columnCount(parent); ++c) {
            if (m->index(row, c, parent).data().toString().contains(re))
                return true;
        }
        return false;
    }
};
} // namespace

HistoryPanel::HistoryPanel(JobHistoryModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    auto *proxy = new HistoryFilter(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(JobHistoryModel::SortRole);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy = proxy;

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Search jobs (machine, model, status…)"));
    m_filter->setClearButtonEnabled(true);
    m_stateFilter = new QComboBox(this);
    m_stateFilter->addItem(tr("All statuses"));
    for (JobState s : {JobState::Running, JobState::Succeeded, JobState::Failed, JobState::Stopped,
                       JobState::Lost})
        m_stateFilter->addItem(JobHistoryModel::stateText(s));

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(JobHistoryModel::Started, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(JobHistoryModel::Model, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(JobHistoryModel::Started,
                                                     QHeaderView::ResizeToContents);

    m_open = new QPushButton(tr("Open in Dashboard"), this);
    m_rerun = new QPushButton(tr("Run Again"), this);
    m_delete = new QPushButton(tr("Delete…"), this);
    m_download = new QPushButton(tr("Download Results…"), this);
    m_download->setToolTip(tr("Copy the job's folder (checkpoints, log, metrics) from its machine "
                              "to this computer"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_stateFilter);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_rerun);
    buttons->addWidget(m_download);
    buttons->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_filter, &QLineEdit::textChanged, this, &HistoryPanel::applyFilter);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &HistoryPanel::applyFilter);
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (const QString id = selectedJobId(); !id.isEmpty())
            Q_EMIT openRequested(id);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const QString id = selectedJobId(); !id.isEmpty())
            Q_EMIT openRequested(id);
    });
    connect(m_rerun, &QPushButton::clicked, this, [this] {
        if (const QString id = selectedJobId(); !id.isEmpty())
            Q_EMIT rerunRequested(id);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (const QString id = selectedJobId(); !id.isEmpty())
            Q_EMIT deleteRequested(id);
    });
    connect(m_download, &QPushButton::clicked, this, [this] {
        if (const QString id = selectedJobId(); !id.isEmpty())
            Q_EMIT downloadRequested(id);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &HistoryPanel::updateButtons);
    updateButtons();
}

void HistoryPanel::applyFilter()
{
    auto *proxy = static_cast<HistoryFilter *>(m_proxy);
    proxy->state = m_stateFilter->currentIndex() > 0 ? m_stateFilter->currentText() : QString();
    proxy->setFilterRegularExpression(QRegularExpression(
        QRegularExpression::escape(m_filter->text()), QRegularExpression::CaseInsensitiveOption));
    proxy->refilter();
}

void HistoryPanel::updateButtons()
{
    const bool has = !selectedJobId().isEmpty();
    m_open->setEnabled(has);
    m_rerun->setEnabled(has);
    m_delete->setEnabled(has);
    m_download->setEnabled(has && m_downloadable && m_downloadable(selectedJobId()));
}

void HistoryPanel::setDownloadable(std::function<bool(const QString &)> predicate)
{
    m_downloadable = std::move(predicate);
    updateButtons();
}

QString HistoryPanel::selectedJobId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(JobHistoryModel::JobIdRole).toString();
}

void HistoryPanel::selectJob(const QString &jobId)
{
    const int row = m_model->rowOf(jobId);
    if (row < 0)
        return;
    const QModelIndex idx = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectRow(idx.row());
}

} // namespace td
