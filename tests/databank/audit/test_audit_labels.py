"""Every action, entity and state the code writes to the audit log has a Persian label, and the
admin's page shows the labels, not the identifiers. The identifiers are read from the code
itself (every call of record_event), so a new action without a label fails here."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from databank.accounts.models import Role
from databank.audit.labels import (
    ACTION_LABELS,
    ENTITY_LABELS,
    STATE_ENUMS,
    STATE_LABELS,
    action_label,
    state_label,
)
from databank.audit.services import record_event
from databank.db import db
from databank.imports.columns import KINDS
from databank.monitoring.models import RecordStatus
from databank.organisations.services import get_or_create_agency, set_commitment

PACKAGE = Path(__file__).resolve().parents[3] / "databank"
# The values an f-string placeholder in an action can take, by the placeholder's source text.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {"kind": KINDS, "source.kind": KINDS}


def audit_calls() -> Iterator[tuple[str, ast.Call, dict[str, ast.expr]]]:
    """Each call of record_event in the package, with the simple assignments of the function
    around it (so that `flag = "a" if x else "b"; record_event(..., to_state=flag)` is
    followed); a call outside any function is found too."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scope: dict[ast.Call, dict[str, ast.expr]] = {
            node: {} for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _called(node) == "record_event"}
        for function in ast.walk(tree):  # outer functions first: inner ones overwrite
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                names = {node.targets[0].id: node.value for node in ast.walk(function)
                         if isinstance(node, ast.Assign) and len(node.targets) == 1
                         and isinstance(node.targets[0], ast.Name)}
                scope.update({node: names for node in ast.walk(function) if node in scope})
        for call, names in scope.items():
            yield f"{path.relative_to(PACKAGE.parent)}:{call.lineno}", call, names


def _called(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == name), None)


def values(node: ast.expr, names: dict[str, ast.expr], where: str) -> list[str] | None:
    """The strings an expression can be; None for an enum's `.value` or a number (`str(n)`),
    which the labels cover by construction; any other expression fails the test."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Constant) and node.value is None:
        return []
    if isinstance(node, ast.IfExp):
        return (values(node.body, names, where) or []) + (values(node.orelse, names, where)
                                                          or [])
    if isinstance(node, ast.Name) and node.id in names:
        return values(names[node.id], names, where)
    if isinstance(node, ast.JoinedStr):
        return _expand(node, where)
    if isinstance(node, ast.Attribute) and node.attr == "value":
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return None
    pytest.fail(f"{where}: cannot tell what {ast.unparse(node)!r} writes to the audit log; "
                "write a literal, or teach this test")


def _expand(node: ast.JoinedStr, where: str) -> list[str]:
    texts = [""]
    for part in node.values:
        if isinstance(part, ast.Constant):
            texts = [text + str(part.value) for text in texts]
            continue
        source = ast.unparse(part.value)  # type: ignore[attr-defined]
        if source not in PLACEHOLDERS:
            pytest.fail(f"{where}: the f-string placeholder {source!r} is unknown to this test")
        texts = [text + value for text in texts for value in PLACEHOLDERS[source]]
    return texts


def written() -> dict[str, dict[str, str]]:
    """{"action"|"entity"|"state": {identifier: where it is written}}."""
    found: dict[str, dict[str, str]] = {"action": {}, "entity": {}, "state": {}}
    for where, call, names in audit_calls():
        for kind, node in (("action", argument(call, 1, "action")),
                           ("entity", argument(call, 2, "entity")),
                           ("state", argument(call, 99, "from_state")),
                           ("state", argument(call, 99, "to_state"))):
            if node is None and kind != "state":
                pytest.fail(f"{where}: record_event without its {kind}")
            for value in (values(node, names, where) if node is not None else None) or []:
                found[kind].setdefault(value, where)
    return found


def test_the_code_is_read_and_holds_the_actions_of_every_area() -> None:
    actions = written()["action"]
    assert len(actions) >= 25
    for action in ("register_job", "verify_job", "reject_job", "review", "export_graduates",
                   "import_vacancies", "interest", "no_interest", "activate", "deactivate"):
        assert action in actions


@pytest.mark.parametrize("kind, labels", [("action", ACTION_LABELS), ("entity", ENTITY_LABELS),
                                          ("state", STATE_LABELS)])
def test_every_identifier_written_to_the_audit_log_has_a_persian_label(kind, labels) -> None:
    missing = {value: where for value, where in written()[kind].items() if value not in labels}
    assert missing == {}, f"{kind}s without a Persian label (add them to databank/audit/labels.py)"


def test_every_state_of_every_status_has_one_persian_label() -> None:
    for enum in STATE_ENUMS:
        for state in enum:
            assert STATE_LABELS[state.value] == state.label
    for label in (*ACTION_LABELS.values(), *ENTITY_LABELS.values(), *STATE_LABELS.values()):
        assert label.strip() and not any("a" <= ch.lower() <= "z" for ch in label), label


def test_an_unnamed_identifier_is_still_shown_and_numbers_in_persian_digits() -> None:
    assert action_label("something_new") == "something_new"
    assert state_label("180") == "۱۸۰" and state_label(None) == "" and state_label("x") == "x"


def test_the_admin_reads_actions_entities_and_states_in_persian(client, make_user,
                                                               login) -> None:
    admin = make_user(Role.ADMIN)
    agency = get_or_create_agency("دستگاه آزمون ممیزی")
    set_commitment(admin, agency, 1405, 180)
    record_event(admin, "verify_job", "monitoring_record", 7,
                 from_state=RecordStatus.REGISTERED.value, to_state=RecordStatus.VERIFIED.value)
    record_event(admin, "export_graduates", "export", None, rows=3, format="csv")
    db.session.commit()
    login(admin)
    page = audit_table(client.get("/admin/audit").get_data(as_text=True))
    for label in ("تأیید اشتغال", "سابقهٔ اشتغال ۷", "در انتظار راستی‌آزمایی", "تأییدشده",
                  "خروجی دانش‌آموختگان", "تعیین تعهد اشتغال", "۱۸۰"):
        assert label in page
    for identifier in ("verify_job", "monitoring_record", "registered", "verified",
                       "export_graduates", "set_commitment", ">export<"):
        assert identifier not in page


def audit_table(page: str) -> str:
    """The table alone: the filter links above it carry the entities' identifiers in URLs."""
    return page[page.index('data-testid="audit"'):page.index("</table>")]


def test_details_read_in_persian_with_dates_and_numbers() -> None:
    from databank.audit.details import details_text

    assert details_text({"end_date": "2026-11-06", "rows": 12, "user_id": 7,
                         "source": "insurance_list", "format": "xlsx", "new_key": "x"}) == \
        "تاریخ پایان: ۱۴۰۵/۰۸/۱۵، ردیف‌ها: ۱۲، منبع: فهرست بیمه، قالب: XLSX، new_key: x"
    assert details_text(None) == details_text({}) == ""
