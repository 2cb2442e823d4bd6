"""Several known bugs at once: the search for the combination that reproduces a check.

When no single known bug does what the student's code did, two or three may together.
Trying every pair and triple of a catalogue would cost too much, so the search is guided
by the leaves of the transcripts (``agreement``) and bounded by a budget of replays per
submission; only a combination that reproduces every call of the check is ever named:

* a bug takes part only if it leaves right what the student's code has right (a leaf on
  which the solution and the student agree);
* pairs are tried first, those whose members were named on earlier checks and explain the
  most leaves first; triples grow from the pairs that explain more than either member, or
  that come closer to the student's wrong values than either (``remaining``: a whole array
  is one leaf, and two of three bugs still leave every entry of it wrong). When there are
  more pairs than the budget, a reserve of it goes to the triples grown from the pairs
  tried; a triple found so is named only if no pair left untried fits (all are tried);
* the forms of one bug (``grader.checks.forms``) never pair with each other, and a bug's
  form closest to the student's values is paired before its others;
* a combination that fits is named only if no other fits in its place: each member is
  swapped for every other candidate, and a rival that also fits leaves it unnamed, unless
  one of them fails a check the student's code passed (it is then not the student's code).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from grader.checks.forms import one_per_id
from grader.checks.transcripts import Leaf, agreement, leaves, remaining, transcripts_match
from grader.proxy.records import Transcript

Replay = Callable[[Any], tuple[bool, Transcript]]  # a bug or a combination -> failed, calls
BEAM = 3  # pairs a triple grows from
CLOSER = 1e-6  # what "closer" must exceed: rounding moves no pair ahead
RESERVE = 50  # of the budget, kept from the pairs for triples when pairs are too many


@dataclass(frozen=True)
class Tried:
    """A bug or a combination, with the student's leaves it reproduces that are wrong."""

    members: tuple[Any, ...]
    explains: frozenset[Leaf]
    distance: float = 0.0  # how much of the student's departure from the solution is left


@dataclass
class BugSearch:
    """What the matcher learns over one submission's checks: the bugs named so far (which
    settle a part two bugs explain alike), the combinations that fitted (tried first on
    the next check), the checks the student's code passed (a bug that fails one is not the
    student's), within a budget of replays: a submission that matches nothing costs a
    bounded time."""

    combine: Callable[[tuple[Any, ...]], Any]  # members -> a replayable combination, or None
    baseline: Callable[[Sequence[Any]], Any]  # the bugs -> the solution as a replayable, or None
    budget: int = 150
    found: list[tuple[Any, ...]] = field(default_factory=list)
    named: list[Any] = field(default_factory=list)
    passed: list[Replay] = field(default_factory=list)
    _fails_passed: dict[tuple[str, str, str, int], bool] = field(default_factory=dict)

    def contradicted(self, bug: Any) -> bool:
        """Whether ``bug`` fails a check that the student's code passed (of those run so far)."""
        for index, replay in enumerate(self.passed):
            key = (str(bug.id), str(getattr(bug, "path", "")), str(getattr(bug, "form", "")), index)
            if key not in self._fails_passed:
                if self.budget <= 0:
                    return False
                self.budget -= 1
                self._fails_passed[key] = replay(bug)[0]
            if self._fails_passed[key]:
                return True
        return False

    def settle(self, candidates: Sequence[Any]) -> list[Any]:
        """The one bug among ``candidates``, which all reproduce the same calls: the only
        one named on an earlier check, or the only one no passed check contradicts. The
        forms of one bug are one candidate: named earlier if any form was, contradicted
        only if every form is."""
        forms: dict[str, list[Any]] = {}
        for bug in candidates:
            forms.setdefault(str(bug.id), []).append(bug)
        if len(forms) <= 1:
            return one_per_id(candidates)
        earlier = [f for f in forms.values() if any(bug in self.named for bug in f)]
        if len(earlier) == 1:
            return [next(bug for bug in earlier[0] if bug in self.named)]
        possible = [kept for f in forms.values() if (kept := self._uncontradicted(f))]
        return possible[0][:1] if len(possible) == 1 else []

    def _uncontradicted(self, forms: list[Any]) -> list[Any]:
        return [bug for bug in forms if not self.contradicted(bug)]

    def explain(
        self, student: Transcript, replayed: Sequence[tuple[Any, bool, Transcript]], replay: Replay
    ) -> list[Any]:
        """The one combination of two or three known bugs that reproduces every call of
        ``student``; none when none or several do. ``replayed`` holds each bug with what it
        did alone (whether it failed, its calls); ``replay`` runs a combination (or the
        solution) on the same check. A member need not fail alone (a change to its input
        that the check does not test), but then it must reproduce something that the
        solution does not."""
        bugs = [bug for bug, _, _ in replayed]
        for members in self.found:
            if all(m in bugs for m in members) and self._fits(student, members, replay):
                return list(members)
        solution = self.baseline(bugs)
        if solution is None or self.budget <= 0:
            return []
        self.budget -= 1
        mine = leaves(student)
        solved = leaves(replay(solution)[1])
        right = agreement(mine, solved)
        alone = [
            Tried((bug,), agreed - right, remaining(mine, solved, theirs))
            for bug, failed, transcript in replayed
            if right <= (agreed := agreement(mine, theirs := leaves(transcript)))
            and (failed or agreed - right)
        ]
        closest = _closest_forms(alone)
        raised = {place for place in mine if place[-1] == "raised"} - right
        if raised and not any(t.explains & raised for t in alone):
            return []  # an error of the student's that no known bug raises: none combines to it
        # The pairs, best first, while the budget lasts beyond a reserve; then triples grown
        # from them; then the pairs left, if any (too many pairs never starve the triples).
        order = self._ordered(_pairs_of(alone), closest)
        known = (mine, solved)
        fit, pairs, left = self._pairs(student, known, right, order, replay, RESERVE)
        if fit is None and (not left or self.budget > 0):
            fit = self._triples(student, pairs, alone, replay)
            if fit is not None and left:
                fit = self._fewest(student, fit, left, replay)
                if not fit:
                    return []  # a pair not yet tried fits as well: the triple is not sure
        if fit is None and left:
            fit = self._pairs(student, known, right, left, replay, 0)[0]
        return self._settled(student, fit, alone, replay) if fit is not None else []

    def _fewest(
        self,
        student: Transcript,
        fit: tuple[Any, ...],
        left: list[tuple[Tried, Tried]],
        replay: Replay,
    ) -> tuple[Any, ...]:
        """A triple found before every pair was tried, checked against the pairs left (all
        are tried, whatever is left of the budget): the triple when none fits; the pair of
        its own members when that alone fits (a member that adds nothing is not named);
        nothing when another pair fits (the triple is not sure)."""
        fitting = [
            a.members + b.members
            for a, b in left
            if self._fits(student, a.members + b.members, replay)
        ]
        if not fitting:
            return fit
        if len(fitting) == 1 and set(map(id, fitting[0])) <= set(map(id, fit)):
            return fitting[0]
        return ()

    def _ordered(
        self, pairs: list[tuple[Tried, Tried]], closest: list[Tried]
    ) -> list[tuple[Tried, Tried]]:
        """Pairs whose members were named on earlier checks first, then those that explain
        the most; among those alike, a bug's form closest to the student's values before
        its other forms, then the pairs closest to the student's values."""
        return sorted(
            pairs,
            key=lambda p: (
                *self._rank(p[0].explains | p[1].explains, p[0].members + p[1].members),
                (p[0] not in closest) + (p[1] not in closest),
                p[0].distance + p[1].distance,
            ),
        )

    def _pairs(
        self,
        student: Transcript,
        known: tuple[dict[Leaf, Any], dict[Leaf, Any]],  # the student's leaves, the solution's
        right: frozenset[Leaf],
        order: list[tuple[Tried, Tried]],
        replay: Replay,
        reserve: int,
    ) -> tuple[tuple[Any, ...] | None, list[Tried], list[tuple[Tried, Tried]]]:
        """The first pair of ``order`` that fits, the pairs tried, and those left untried
        when the budget came down to ``reserve``."""
        mine, solved = known
        tried: list[Tried] = []
        for index, (first, second) in enumerate(order):
            if self.budget <= reserve:
                return None, tried, order[index:]
            members = first.members + second.members
            outcome = self._replay(members, replay)
            if outcome is None:
                continue
            failed, transcript = outcome
            if failed and transcripts_match(student, transcript):
                return members, tried, []
            theirs = leaves(transcript)
            agreed = agreement(mine, theirs)
            if right <= agreed:
                tried.append(Tried(members, agreed - right, remaining(mine, solved, theirs)))
        return None, tried, []

    def _triples(
        self, student: Transcript, pairs: list[Tried], alone: list[Tried], replay: Replay
    ) -> tuple[Any, ...] | None:
        """A triple grown from the pairs that explain more than either member alone, or
        come closer than either (the closest first among those ranked alike)."""
        by_member = {t.members[0]: t for t in alone}

        def grows(pair: Tried) -> bool:
            members = [by_member[m] for m in pair.members]
            more = len(pair.explains) > max(len(m.explains) for m in members)
            return more or pair.distance < min(m.distance for m in members) - CLOSER

        growing = [p for p in pairs if grows(p)]
        growing.sort(key=lambda p: (*self._rank(p.explains, p.members), p.distance))
        seen: set[frozenset[int]] = set()
        for pair in growing[:BEAM]:
            for third in sorted(alone, key=lambda t: self._rank(t.explains, t.members)):
                members = pair.members + third.members
                key = frozenset(id(m) for m in members)
                if _ids(third.members) & _ids(pair.members) or key in seen:
                    continue
                seen.add(key)
                if self._fits(student, members, replay):
                    return members
                if self.budget <= 0:
                    return None
        return None

    def _settled(
        self, student: Transcript, fit: tuple[Any, ...], alone: list[Tried], replay: Replay
    ) -> list[Any]:
        """``fit``, unless another combination fits in its place (a member swapped for
        another candidate) and no passed check tells them apart."""
        fits = [fit, *self._rivals(student, fit, alone, replay)]
        if len(fits) > 1:  # a form swapped in for its sibling is never tried: keep those
            fits = [f for f in fits if not any(self._ruled_out(m, alone) for m in f)]
        if len(fits) != 1:
            return []
        self.found.append(fits[0])
        return list(fits[0])

    def _ruled_out(self, member: Any, alone: list[Tried]) -> bool:
        """A member contradicted by a passed check, when its bug has no other form in the
        search (another form, never swapped in, might fit where this one is ruled out)."""
        siblings = [t for t in alone if t.members[0].id == member.id]
        return len(siblings) <= 1 and self.contradicted(member)

    def _rivals(
        self, student: Transcript, fit: tuple[Any, ...], alone: list[Tried], replay: Replay
    ) -> Iterator[tuple[Any, ...]]:
        """The combinations with one member of ``fit`` swapped for another candidate that
        fit too. They are all tried, whatever is left of the budget (a fit whose rivals
        were not all tried would be named on weaker evidence): at most three times the
        candidates, once per combination found."""
        for position in range(len(fit)):
            for other in alone:
                if _ids(other.members) & _ids(fit):
                    continue  # a member itself, or a form of one: the same misconceptions
                members = fit[:position] + other.members + fit[position + 1 :]
                if self._fits(student, members, replay):
                    yield members

    def _fits(self, student: Transcript, members: tuple[Any, ...], replay: Replay) -> bool:
        outcome = self._replay(members, replay)
        return outcome is not None and outcome[0] and transcripts_match(student, outcome[1])

    def _replay(self, members: tuple[Any, ...], replay: Replay) -> tuple[bool, Transcript] | None:
        """What the combination did, or None when its bugs do not combine (no replay then)."""
        both = self.combine(members)
        if both is None:
            return None
        self.budget -= 1
        return replay(both)

    def _rank(self, explains: frozenset[Leaf], members: tuple[Any, ...]) -> tuple[int, int]:
        """Members named on earlier checks first, then those that explain the most."""
        return (-sum(m in self.named for m in members), -len(explains))


def _ids(members: tuple[Any, ...]) -> set[str]:
    return {str(m.id) for m in members}


def _closest_forms(alone: list[Tried]) -> list[Tried]:
    """Per bug, the form that explains the most of the student's leaves and comes closest
    to the rest: its pairs are tried before those of the bug's other forms, which differ
    only in a number or a convention (seven forms of one bug would otherwise spend the
    budget on pairs that differ in it)."""
    best: dict[str, Tried] = {}
    for tried in alone:
        key = str(tried.members[0].id)
        if key not in best or (-len(tried.explains), tried.distance) < (
            -len(best[key].explains),
            best[key].distance,
        ):
            best[key] = tried
    return [t for t in alone if best[str(t.members[0].id)] is t]


def _pairs_of(alone: list[Tried]) -> list[tuple[Tried, Tried]]:
    """Every pair of ``alone`` (two forms of one bug never pair)."""
    return [
        (a, b)
        for i, a in enumerate(alone)
        for b in alone[i + 1 :]
        if a.members[0].id != b.members[0].id
    ]
