"""IdleWatch: warn before any time-out, never time out without a warning, extend as often as needed."""

from shopguard.ui.kiosk.idle import IdlePhase, IdleWatch


def test_quiet_then_warning_then_expired():
    watch = IdleWatch(idle_s=90, warning_s=30)
    watch.arm(0.0)
    assert watch.state(89.0).phase == IdlePhase.ACTIVE
    state = watch.state(90.0)
    assert state.phase == IdlePhase.WARNING and state.seconds_left == 30
    assert watch.state(119.0).phase == IdlePhase.WARNING
    assert watch.state(120.0).phase == IdlePhase.EXPIRED


def test_late_tick_still_warns_with_the_full_time():
    watch = IdleWatch(idle_s=90, warning_s=30)
    watch.arm(0.0)
    state = watch.state(10_000.0)
    assert state.phase == IdlePhase.WARNING and state.seconds_left == 30


def test_touch_restarts_quiet_time_but_not_during_warning():
    watch = IdleWatch(idle_s=90, warning_s=30)
    watch.arm(0.0)
    watch.touch(80.0)
    assert watch.state(160.0).phase == IdlePhase.ACTIVE
    assert watch.state(170.0).phase == IdlePhase.WARNING
    watch.touch(175.0)  # only the "more time" button extends
    assert watch.state(200.0).phase == IdlePhase.EXPIRED


def test_extensions_are_unlimited():
    watch = IdleWatch(idle_s=90, warning_s=30)
    watch.arm(0.0)
    now = 0.0
    for _ in range(25):
        now += 90
        assert watch.state(now).phase == IdlePhase.WARNING
        now += 29
        watch.extend(now)
    assert watch.extensions == 25 and watch.state(now + 1).phase == IdlePhase.ACTIVE


def test_disarmed_never_times_out():
    watch = IdleWatch(idle_s=90, warning_s=30)
    assert watch.state(1e9).phase == IdlePhase.OFF
