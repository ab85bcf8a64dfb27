#include "core/store/StoreRecords.h"

#include <QLatin1String>

namespace td {

namespace {

struct StateName
{
    JobState state;
    QLatin1String name;
};

// The database text of each state; changing one is a schema change.
constexpr StateName kStateNames[] = {
    {JobState::Queued, QLatin1String("queued")},
    {JobState::Uploading, QLatin1String("uploading")},
    {JobState::Starting, QLatin1String("starting")},
    {JobState::Running, QLatin1String("running")},
    {JobState::Stopping, QLatin1String("stopping")},
    {JobState::Succeeded, QLatin1String("succeeded")},
    {JobState::Failed, QLatin1String("failed")},
    {JobState::Stopped, QLatin1String("stopped")},
    {JobState::Lost, QLatin1String("lost")},
};

} // namespace

QString jobStateName(JobState state)
{
    for (const StateName &entry : kStateNames) {
        if (entry.state == state)
            return QString(entry.name);
    }
    return QString(QLatin1String("lost"));
}

JobState jobStateFromName(const QString &name)
{
    for (const StateName &entry : kStateNames) {
        if (name == entry.name)
            return entry.state;
    }
    return JobState::Lost;
}

bool isTerminal(JobState state)
{
    switch (state) {
    case JobState::Succeeded:
    case JobState::Failed:
    case JobState::Stopped:
    case JobState::Lost:
        return true;
    case JobState::Queued:
    case JobState::Uploading:
    case JobState::Starting:
    case JobState::Running:
    case JobState::Stopping:
        return false;
    }
    return true;
}

} // namespace td
