"""The tampering judgement of one sample, pure: a comparison with the background → what looks wrong.

Thresholds were set looking at the clips of tests/fakes/tamper_footage.FIT_SOURCES (untouched and
tampered) and are reported on the held-out ones; each sits between what the two sides showed:
- matched share: untouched fit clips ≥ 0.65 (a person walking close, the demo room), a covered or
  turned camera ≤ 0.07 once complete;
- kept share (cells with structure of their own) once the view is lost: covered ≤ 0.06 (a bag over
  the low-contrast demo room: 0.35–0.5, but its detail 0.14), a new view ≥ 0.62;
- detail (fine detail against the background's): covers ≤ 0.22 except spray (0.33, kept 0), new
  views ≥ 0.34; untouched ≥ 0.50, condensation ≤ 0.19;
- sharpness (fine detail per structure) against the background's: untouched ≥ 0.78, focus turned
  ≤ 0.31;
- change between samples: a settled cover or new view ≤ 0.1, something passing the lens ≥ 0.39."""

from __future__ import annotations

from dataclasses import dataclass

from shopguard.rules.tamper_background import Comparison

LOST_VIEW_MATCHED = 0.25  # fewer of the background's cells than this still match: the view is lost
# ... and fewer cells than this have structure of their own, or the picture has almost no fine
# detail (nothing on the lens can be in focus): covered; otherwise it is a different view: moved.
COVERED_KEPT = 0.3
COVERED_DETAIL = 0.25
# The view is there but its fine detail per structure fell below this (the focus ring), or its fine
# detail fell below that (a veil of condensation or dirt), both where the view still matches (a smear
# growing over part of the picture lowers the detail of the cells it covers, not of the others).
DEFOCUS_SHARPNESS = 0.5
DEFOCUS_DETAIL = 0.3
SETTLED_CHANGE = 0.2  # below this change since the last sample, the picture is not in motion
# Half the picture clipped white is the exposure catching up (a door opened onto the sun); only if it
# stays (a torch into the lens) is it a cover: such a picture never counts as settled.
WHITE_OUT_CLIPPED = 0.5
MIN_CELLS = 6  # a background with fewer structured cells (a blank wall) cannot be judged by matching


@dataclass(frozen=True, slots=True)
class Findings:
    covered: bool
    moved: bool  # the view is lost but the picture has structure: a different view (to be confirmed)
    defocused: bool
    settled: bool  # not in motion: a cover or a new view that stays, not something passing by

    @property
    def any(self) -> bool:
        return self.covered or self.moved or self.defocused


HEALTHY = Findings(covered=False, moved=False, defocused=False, settled=True)


def judge(c: Comparison) -> Findings:
    """Covered, moved and defocused exclude each other."""
    if c.cells < MIN_CELLS:
        return HEALTHY
    lost_view = c.matched < LOST_VIEW_MATCHED
    covered = lost_view and (c.kept < COVERED_KEPT or c.detail < COVERED_DETAIL)
    soft = c.sharpness < DEFOCUS_SHARPNESS or c.matched_detail < DEFOCUS_DETAIL
    return Findings(
        covered=covered,
        moved=lost_view and not covered,
        defocused=not lost_view and soft,
        settled=c.change < SETTLED_CHANGE and c.clipped < WHITE_OUT_CLIPPED,
    )
