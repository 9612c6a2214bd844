from tests.matrix import OK, Route, everyone

ROUTES = {
    "dashboard:home": Route(expect=everyone(OK)),
    "dashboard:healthz": Route(expect=everyone(OK), anonymous=OK),
}
