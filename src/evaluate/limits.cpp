// Counting for thresholds and limits, and keeping the patients' histories they count from
// (limits.hpp).
#include "evaluate/limits.hpp"

#include <algorithm>
#include <chrono>
#include <span>
#include <string_view>

#include "evaluate/designation.hpp"

namespace cotation::evaluation {

using namespace model;

bool Limits::limit_exceeded(const Limit& limit, std::size_t line_index, const Rule& rule) {
  folded_period_ = false;
  if (limit.per == Limit::Per::series) {
    const auto rank = count_of(Field::session_number);
    return rank && *rank > static_cast<std::int32_t>(limit.count);
  }
  std::uint32_t count = 0;
  for (std::size_t j = 0; j <= line_index; ++j) {
    if (subjects_[j].index != none && in_scope(rule.scope, subjects_[j])) ++count;
  }
  if (history_ != nullptr) {
    const Day today = fields_.day();
    std::span<const history::BilledLine> period = history_->billed();
    Day first = today;
    if (limit.per == Limit::Per::day) {
      period = history_->billed_between(today, today);
    } else if (limit.per == Limit::Per::year) {
      const std::chrono::year year =
          std::chrono::year_month_day{std::chrono::sys_days(std::chrono::days(today))}.year();
      first = day_of(year / std::chrono::January / 1);
      period = history_->billed_between(first, day_of(year / std::chrono::December / 31));
    }
    folded_period_ = limit.per != Limit::Per::episode && first < history_->kept_from();  // episodes: counted
    const history::TextNumber episode =
        limit.per == Limit::Per::episode ? histories_.number_of(claim_.episode_id) : history::no_text;
    // `lines` earlier lines of that act or item, in that episode.
    const auto count_earlier = [&](const auto& before, std::uint32_t lines) {
      Subject earlier;
      earlier.is_act = before.is_act;
      earlier.index = before.index;
      if (!in_scope(rule.scope, earlier)) return;
      if (limit.per == Limit::Per::episode) {
        // Only an earlier line in scope needs the episodes: the first one is within the limit.
        if (episode == history::no_text || before.episode == history::no_text) throw MissingField{"episode.id"};
        if (before.episode == episode) count += lines;
        return;
      }
      count += lines;
    };
    for (const auto& before : period) count_earlier(before, 1);
    if (limit.per == Limit::Per::episode) {
      for (const auto& folded : history_->folded_lines()) count_earlier(folded, folded.count);
    }
  }
  return count > limit.count;
}

namespace {

// The series of the acts the claim's lines designate. A line that designates no act or item for
// sure (an unknown or outdated code, an old code that several acts replaced, a code several
// acts share or a telecare line without `act`) may bill an act of any series, and counts in each:
// a rank derived too low would waive a prior approval or pay a BDK again.
history::SeriesKeys series_keys(const RuleSet::Model& model, const std::vector<Subject>& subjects) {
  history::SeriesKeys keys;
  for (const Subject& subject : subjects) {
    if (subject.index == none || subject.several_acts) {
      keys.add(history::SeriesKeys::any);
    } else if (subject.is_act) {
      keys.add(model.acts[subject.index].series);
    }
  }
  return keys;
}

}  // namespace

void complete_from_history(const RuleSet::Model& model, const Claim& claim, Day today,
                           const std::vector<Subject>& subjects, history::Histories& histories,
                           const history::Patient& patient, Series& series, SameDay& same_day) {
  if (!series.session_number || !series.sessions_12_months_before) {
    // The earlier sessions of the same series: of the same prescription.id when the claim gives
    // one, else of one of its acts' series.
    const history::TextNumber prescription = histories.number_of(claim.prescription.id);
    const history::SeriesKeys keys = series_keys(model, subjects);
    const auto of_the_series = [&](std::span<const history::Session> sessions) {
      return static_cast<std::int32_t>(std::count_if(sessions.begin(), sessions.end(), [&](const history::Session& s) {
        return prescription != history::no_text ? s.prescription == prescription : s.series.shares(keys);
      }));
    };
    if (!series.session_number) {
      series.session_number = patient.folded_of_the_series(prescription, keys) + of_the_series(patient.sessions()) + 1;
    }
    const Day year_before =
        day_of(std::chrono::year_month_day{std::chrono::sys_days(std::chrono::days(today))} - std::chrono::years(1));
    // Left unknown when some of those 12 months were folded (a claim far out of date order).
    if (!series.sessions_12_months_before && year_before >= patient.kept_from()) {
      series.sessions_12_months_before = of_the_series(patient.sessions_between(year_before, today));
    }
  }
  if (today < patient.kept_from()) return;  // that day's sessions were folded: left unknown
  // The facts of the same day the claim does not give (seed 002: two sessions the same day);
  // same_article and same_body_region are derived from the acts when a rule reads them.
  const auto same_day_sessions = patient.sessions_between(today, today);
  if (!same_day.earlier_sessions) same_day.earlier_sessions = static_cast<std::int32_t>(same_day_sessions.size());
  // Unknown when this claim or one of the earlier sessions that day gives no prescription.id.
  const auto without_prescription = [](const history::Session& s) { return s.prescription == history::no_text; };
  if (!same_day.same_prescription && !claim.prescription.id.empty() &&
      std::none_of(same_day_sessions.begin(), same_day_sessions.end(), without_prescription)) {
    const history::TextNumber prescription = histories.number_of(claim.prescription.id);
    same_day.same_prescription = std::any_of(same_day_sessions.begin(), same_day_sessions.end(),
                                             [&](const history::Session& s) { return s.prescription == prescription; });
  }
}

namespace {

// A session joins `patient`: the lines `accepted` says were (what `subjects` says they bill), then
// the session itself.
template <typename Accepted>
void add_session(const RuleSet::Model& model, Day day, std::string_view prescription, std::string_view episode_id,
                 const std::vector<Subject>& subjects, Accepted accepted, history::Histories& histories,
                 history::Patient& patient) {
  const history::TextNumber episode = histories.keep(episode_id);
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    if (!accepted(i) || subjects[i].index == none) continue;
    const Subject& subject = subjects[i];
    patient.add(history::BilledLine{day, episode, static_cast<std::uint32_t>(subject.index), subject.is_act});
  }
  patient.add(history::Session{day, histories.keep(prescription), episode, series_keys(model, subjects)});
}

}  // namespace

void add_to_history(const RuleSet::Model& model, const Claim& claim, Day today, const ClaimDecision& decision,
                    const std::vector<Subject>& subjects, history::Histories& histories, history::Patient& patient) {
  const auto accepted = [&](std::size_t i) {
    return i < decision.lines.size() && decision.lines[i].decision == Decision::accepted;
  };
  add_session(model, today, claim.prescription.id, claim.episode_id, subjects, accepted, histories, patient);
}

history::SeriesKeys designate_session(const RuleSet::Model& model, const EarlierSession& session,
                                      EvaluationScratch::State& scratch) {
  Designation(model, scratch, day_of(*session.date)).designate(session.lines, scratch.subjects);
  return series_keys(model, scratch.subjects);
}

void add_carried_history(const RuleSet::Model& model, std::span<const EarlierSession> sessions,
                         EvaluationScratch::State& scratch, history::Patient& patient) {
  for (const EarlierSession& session : sessions) {
    if (!session.date) continue;  // the reader requires it; a Claim built in C++ may lack it
    const Day day = day_of(*session.date);
    designate_session(model, session, scratch);
    const auto accepted = [&](std::size_t i) { return session.lines[i].accepted; };
    add_session(model, day, session.prescription_id, session.episode_id, scratch.subjects, accepted, scratch.histories,
                patient);
  }
}

}  // namespace cotation::evaluation
