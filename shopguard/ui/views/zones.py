"""ZonesView: the zone editor. Draw areas and door lines on a frozen frame of a camera, name them,
pick rules and a schedule, undo, and save to config.json (audited); rejects tiny or crossed shapes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopguard.config.loader import save_settings
from shopguard.config.settings import AppSettings
from shopguard.config.zones import CameraZones, RuleKind, Zone, ZoneKind
from shopguard.context import AppContext
from shopguard.services.zone_checks import ShapeProblem, check_area, check_line
from shopguard.storage.audit import record_audit
from shopguard.ui.i18n import translated
from shopguard.ui.pages import PageSpec
from shopguard.ui.widgets.zone_canvas import DrawMode, ZoneCanvas

RULE_LABELS = {
    RuleKind.INTRUSION: QT_TRANSLATE_NOOP("ZonesView", "Intrusion outside open hours"),
    RuleKind.LOITER: QT_TRANSLATE_NOOP("ZonesView", "Loitering"),
    RuleKind.DOOR: QT_TRANSLATE_NOOP("ZonesView", "Door: count who comes in"),
    RuleKind.PRODUCT: QT_TRANSLATE_NOOP("ZonesView", "Shelf: check payment on exit"),
    RuleKind.FALL: QT_TRANSLATE_NOOP("ZonesView", "Falls"),
}
PROBLEMS = {
    ShapeProblem.TOO_FEW_POINTS: QT_TRANSLATE_NOOP("ZonesView", "An area needs at least 3 corners."),
    ShapeProblem.TINY: QT_TRANSLATE_NOOP("ZonesView", "This area is too small to be useful; draw it larger."),
    ShapeProblem.SELF_INTERSECTING: QT_TRANSLATE_NOOP(
        "ZonesView", "The edges of this area cross each other; draw its corners in order around it."
    ),
    ShapeProblem.LINE_TOO_SHORT: QT_TRANSLATE_NOOP(
        "ZonesView", "This line is too short; draw it across the door."
    ),
}
UNDO_DEPTH = 50


class ZonesView(QWidget):
    zones_saved = Signal(object)  # AppSettings

    def __init__(self, context: AppContext, camera_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self.context = context
        names = camera_names or {c.id: c.name for c in context.settings.cameras}
        self.working: dict[str, list[Zone]] = {
            entry.camera_id: list(entry.zones) for entry in context.settings.zones
        }
        self.undo_stack: list[tuple[str, list[Zone]]] = []
        self.selected: str | None = None

        self.camera = QComboBox()
        for camera_id, name in names.items():
            self.camera.addItem(name, camera_id)
        self.freeze_button = QPushButton(self.tr("Take a new picture"))
        self.canvas = ZoneCanvas()
        self.canvas.placeholder = self.tr("No picture from this camera yet. You can still draw.")
        self.area_button = QPushButton(self.tr("Draw area"))
        self.line_button = QPushButton(self.tr("Draw door line"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.zone_list = QListWidget()
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.rule_boxes = {
            rule: QCheckBox(translated("ZonesView", label)) for rule, label in RULE_LABELS.items()
        }
        self.schedule = QComboBox()
        self.schedule.addItem(self.tr("Always"), None)
        for schedule in context.settings.schedules:
            self.schedule.addItem(schedule.name, schedule.name)
        self.loiter = QDoubleSpinBox()
        self.loiter.setRange(5, 3600)
        self.loiter.setSuffix(self.tr(" s"))
        self.flip_button = QPushButton(self.tr("Flip inside"))
        self.save_button = QPushButton(self.tr("Save zones"))
        self.save_button.setStyleSheet("font-weight: bold;")
        self.message = QLabel(self.tr("Pick a tool, then click on the picture."))
        self.message.setWordWrap(True)

        self.camera.currentIndexChanged.connect(self._camera_changed)
        self.freeze_button.clicked.connect(self.freeze_frame)
        self.area_button.clicked.connect(lambda: self._tool(DrawMode.AREA))
        self.line_button.clicked.connect(lambda: self._tool(DrawMode.LINE))
        self.undo_button.clicked.connect(self.undo)
        self.delete_button.clicked.connect(self.delete_selected)
        self.flip_button.clicked.connect(self.flip_inside)
        self.save_button.clicked.connect(self.save)
        self.canvas.shape_finished.connect(self.add_shape)
        self.canvas.zone_clicked.connect(self.select)
        self.zone_list.currentItemChanged.connect(self._list_selected)
        self.name.editingFinished.connect(self._edit_name)
        for rule, box in self.rule_boxes.items():
            box.toggled.connect(lambda on, r=rule: self._edit(rules=self._rules_with(r, on)))
        self.schedule.currentIndexChanged.connect(lambda: self._edit(schedule=self.schedule.currentData()))
        self.loiter.editingFinished.connect(lambda: self._edit(loiter_s=self.loiter.value()))
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)

        tools = QHBoxLayout()
        tools.addWidget(self.camera, 1)
        tools.addWidget(self.freeze_button)
        left = QVBoxLayout()
        left.addLayout(tools)
        left.addWidget(self.canvas, 1)
        draw = QGridLayout()
        for index, button in enumerate(
            (self.area_button, self.line_button, self.undo_button, self.delete_button)
        ):
            draw.addWidget(button, index // 2, index % 2)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        rules = QVBoxLayout()
        for box in self.rule_boxes.values():
            rules.addWidget(box)
        form.addRow(self.tr("Rules"), rules)
        form.addRow(self.tr("Schedule"), self.schedule)
        form.addRow(self.tr("Loitering after"), self.loiter)
        form.addRow("", self.flip_button)
        right = QVBoxLayout()
        right.addLayout(draw)
        right.addWidget(self.zone_list, 1)
        right.addLayout(form)
        right.addWidget(self.message)
        right.addWidget(self.save_button)
        panel = QWidget()
        panel.setLayout(right)
        panel.setFixedWidth(380)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(panel)
        self._camera_changed()

    # --- state ------------------------------------------------------------------------------------

    @property
    def camera_id(self) -> str:
        return self.camera.currentData() or ""

    def zones(self) -> list[Zone]:
        return self.working.setdefault(self.camera_id, [])

    def _set_zones(self, zones: list[Zone], remember: bool = True) -> None:
        if remember:
            self.undo_stack.append((self.camera_id, list(self.zones())))
            del self.undo_stack[:-UNDO_DEPTH]
        self.working[self.camera_id] = zones
        self._refresh()

    def undo(self) -> None:
        if not self.undo_stack:
            self.message.setText(self.tr("Nothing to undo."))
            return
        camera_id, zones = self.undo_stack.pop()
        self.camera.setCurrentIndex(max(self.camera.findData(camera_id), 0))
        self.working[camera_id] = zones
        if self.selected not in {z.id for z in zones}:
            self.selected = None
        self._refresh()
        self.message.setText(self.tr("Undone."))

    def _camera_changed(self) -> None:
        self.selected = None
        self.canvas.set_mode(DrawMode.SELECT)
        self.freeze_frame()
        self._refresh()

    def freeze_frame(self) -> None:
        workers = self.context.services.get("cameras", {})
        worker = workers.get(self.camera_id)
        view = worker.latest()[0] if worker is not None else None
        if view is None:
            self.canvas.set_image(None)
            return
        image = view.image
        height, width = image.shape[:2]
        frozen = QImage(image.data, width, height, image.strides[0], QImage.Format.Format_BGR888).copy()
        self.canvas.set_image(frozen)

    def set_frame(self, image: QImage) -> None:
        self.canvas.set_image(image)

    def _refresh(self) -> None:
        zones = self.zones()
        self.canvas.set_zones(zones, self.selected)
        self.zone_list.blockSignals(True)
        self.zone_list.clear()
        for zone in zones:
            kind = self.tr("line") if zone.kind == ZoneKind.LINE else self.tr("area")
            item = QListWidgetItem(f"{zone.name}  ({kind})")
            item.setData(256, zone.id)
            self.zone_list.addItem(item)
            if zone.id == self.selected:
                self.zone_list.setCurrentItem(item)
        self.zone_list.blockSignals(False)
        self._show_selected()

    def _zone(self, zone_id: str | None) -> Zone | None:
        return next((z for z in self.zones() if z.id == zone_id), None)

    def _show_selected(self) -> None:
        zone = self._zone(self.selected)
        editors = [
            self.name,
            self.schedule,
            self.loiter,
            self.flip_button,
            self.delete_button,
            *self.rule_boxes.values(),
        ]
        for widget in editors:
            widget.setEnabled(zone is not None)
            widget.blockSignals(True)
        if zone is not None:
            self.name.setText(zone.name)
            for rule, box in self.rule_boxes.items():
                box.setChecked(rule in zone.rules)
            self.schedule.setCurrentIndex(max(self.schedule.findData(zone.schedule), 0))
            self.loiter.setValue(zone.loiter_s)
            self.flip_button.setEnabled(zone.kind == ZoneKind.LINE)
        else:
            self.name.clear()
        for widget in editors:
            widget.blockSignals(False)

    # --- editing ----------------------------------------------------------------------------------

    def _tool(self, mode: DrawMode) -> None:
        self.canvas.set_mode(mode)
        self.canvas.setFocus()
        if mode == DrawMode.AREA:
            self.message.setText(
                self.tr("Click the corners; click the first corner again to close the area.")
            )
        else:
            self.message.setText(self.tr("Click both ends of the door line. The arrow points inside."))

    def add_shape(self, kind: ZoneKind, points: list[tuple[float, float]]) -> None:
        self.canvas.set_mode(DrawMode.SELECT)
        problem = check_area(points) if kind == ZoneKind.AREA else check_line(points)
        if problem is not None:
            self.message.setText(translated("ZonesView", PROBLEMS[problem]))
            return
        taken = {z.id for zones in self.working.values() for z in zones}
        number = 1
        while f"zone-{number}" in taken:
            number += 1
        default_name = self.tr("Door %1") if kind == ZoneKind.LINE else self.tr("Area %1")
        zone = Zone(
            id=f"zone-{number}",
            name=default_name.replace("%1", str(number)),
            kind=kind,
            points=points,
            rules=[RuleKind.DOOR] if kind == ZoneKind.LINE else [],
        )
        self.selected = zone.id
        self._set_zones([*self.zones(), zone])
        self.message.setText(self.tr("Added. Name it, pick its rules, then save."))

    def select(self, zone_id: str | None) -> None:
        self.selected = zone_id
        self._refresh()

    def _list_selected(self, item: QListWidgetItem | None) -> None:
        self.select(item.data(256) if item is not None else None)

    def _rules_with(self, rule: RuleKind, on: bool) -> list[RuleKind]:
        zone = self._zone(self.selected)
        rules = [r for r in (zone.rules if zone else []) if r != rule]
        return [*rules, rule] if on else rules

    def _edit(self, **changes: object) -> None:
        zone = self._zone(self.selected)
        if zone is None:
            return
        updated = Zone.model_validate({**zone.model_dump(), **changes})
        if updated != zone:
            self._set_zones([updated if z.id == zone.id else z for z in self.zones()])

    def _edit_name(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.message.setText(self.tr("A zone needs a name."))
            return
        self._edit(name=name)

    def flip_inside(self) -> None:
        zone = self._zone(self.selected)
        if zone is not None and zone.kind == ZoneKind.LINE:
            self._edit(inside_left=not zone.inside_left)

    def delete_selected(self) -> None:
        if self._zone(self.selected) is not None:
            zones = [z for z in self.zones() if z.id != self.selected]
            self.selected = None
            self._set_zones(zones)

    def save(self) -> bool:
        for zones in self.working.values():
            names = [z.name for z in zones]
            if len(set(names)) != len(names):
                self.message.setText(self.tr("Two zones of one camera have the same name; rename one."))
                return False
        settings: AppSettings = self.context.settings
        settings.zones = [
            CameraZones(camera_id=cid, zones=zones) for cid, zones in self.working.items() if zones
        ]
        save_settings(settings, self.context.paths.config)
        summary = {cid: len(zones) for cid, zones in self.working.items()}
        record_audit(self.context.db, self.context.actor, "zones.save", "config", {"zones": summary})
        self.message.setText(self.tr("Saved. The cameras use the new zones now."))
        self.zones_saved.emit(settings)
        return True


def _page(context: AppContext) -> QWidget:
    return ZonesView(context)


def _screenshot() -> QWidget:
    from shopguard.context import AppContext
    from shopguard.services.demo import demo_frame, demo_scene

    scene = demo_scene()
    context = AppContext(scene.paths, scene.settings, scene.db)
    view = ZonesView(context, scene.camera_names)
    image = demo_frame(80.0)
    height, width = image.shape[:2]
    view.set_frame(QImage(image.data, width, height, image.strides[0], QImage.Format.Format_BGR888).copy())
    view.select("freezer")
    return view


PAGE = PageSpec("zones", "구역 설정", "Zones", 30, _page)
SCREENSHOTS = {"zones": _screenshot}
