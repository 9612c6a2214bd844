from tests.matrix import HIDDEN, OK, REDIRECT, Route, everyone

ROUTES = {
    "accounts:login": Route(expect=everyone(REDIRECT), anonymous=OK),
    "accounts:logout": Route(  # writes: signing out ends the session only
        writes=(), expect=everyone(REDIRECT), method="post", anonymous=REDIRECT
    ),
    "accounts:profile": Route(expect=everyone(OK)),
    "accounts:two-factor": Route(expect=everyone(OK)),
    "accounts:set-language": Route(  # writes: the officer's language is English already
        writes=[persona for persona in everyone(OK) if persona != "officer"],
        expect=everyone(REDIRECT),
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
        anonymous=REDIRECT,
    ),
    "accounts:invitation-accept": Route(
        expect=everyone(HIDDEN), kwargs=lambda w: {"token": "not-a-real-token"}, anonymous=HIDDEN
    ),
    "accounts:password-change": Route(expect=everyone(OK)),
    "accounts:password-change-done": Route(expect=everyone(OK)),
    "accounts:password-reset": Route(expect=everyone(OK), anonymous=OK),
    "accounts:password-reset-done": Route(expect=everyone(OK), anonymous=OK),
    "accounts:password-reset-confirm": Route(
        expect=everyone(OK), kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"}, anonymous=OK
    ),
    "accounts:password-reset-complete": Route(expect=everyone(OK), anonymous=OK),
}
