"""A small, safe evaluator for the XLSForm expression subset used in `relevant` and `constraint`.

Never eval(): the text is tokenised and parsed by recursive descent into a tree of tuples, and the
tree is walked. Supported: `${name}`, `.` (the answer being checked), numbers, 'strings',
`= != < <= > >=`, `and`, `or`, `+ - * div mod`, parentheses, and the functions `selected()`,
`count-selected()`, `not()`, `string-length()`, `true()`, `false()`.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{[A-Za-z_][\w.-]*\})
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
      | (?P<name>[A-Za-z][\w-]*(?:\(\))?)
      | (?P<dot>\.)
    )""",
    re.VERBOSE,
)
_COMPARISONS = {"=", "!=", "<", "<=", ">", ">="}
_FUNCTIONS = {"selected": 2, "count-selected": 1, "not": 1, "string-length": 1}


class ExpressionError(ValueError):
    pass


@dataclass
class Expression:
    text: str
    tree: tuple = field(repr=False)
    names: frozenset[str] = frozenset()
    uses_dot: bool = False

    def evaluate(self, answers: dict, current=None) -> bool:
        return _truthy(_eval(self.tree, answers, current))


def _tokenise(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(_("Cannot read the expression at “%(rest)s”.") % {"rest": text[position:][:20]})
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return tokens


class _Parser:
    def __init__(self, tokens):
        self.tokens, self.i, self.names, self.uses_dot = tokens, 0, set(), False

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, value=None):
        kind, text = self.peek()
        if kind is None or (value is not None and text != value):
            raise ExpressionError(_("Expected “%(expected)s”.") % {"expected": value or _("a value")})
        self.i += 1
        return kind, text

    def parse(self):
        tree = self.binary(0)
        if self.i != len(self.tokens):
            raise ExpressionError(_("Unexpected “%(token)s”.") % {"token": self.peek()[1]})
        return tree

    LEVELS = [{"or"}, {"and"}, _COMPARISONS, {"+", "-"}, {"*", "div", "mod"}]

    def binary(self, level):
        if level == len(self.LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek()[1] in self.LEVELS[level] and self.peek()[0] in ("op", "name"):
            op = self.take()[1]
            left = ("bin", op, left, self.binary(level + 1))
            if level == 2:  # comparisons do not chain
                break
        return left

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return ("neg", self.unary())
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "number":
            return ("lit", Decimal(text))
        if kind == "string":
            return ("lit", text[1:-1])
        if kind == "ref":
            name = text[2:-1]
            self.names.add(name)
            return ("ref", name)
        if kind == "dot":
            self.uses_dot = True
            return ("dot",)
        if text == "(":
            tree = self.binary(0)
            self.take(")")
            return tree
        if text in ("true()", "false()"):
            return ("lit", text == "true()")
        if kind == "name" and text in _FUNCTIONS:
            self.take("(")
            args = [self.binary(0)]
            while self.peek()[1] == ",":
                self.take()
                args.append(self.binary(0))
            self.take(")")
            if len(args) != _FUNCTIONS[text]:
                raise ExpressionError(
                    _("%(function)s() takes %(count)s argument(s).") % {"function": text, "count": _FUNCTIONS[text]}
                )
            return ("call", text, args)
        raise ExpressionError(_("Unexpected “%(token)s”.") % {"token": text})


def parse(text: str) -> Expression:
    """Parse once; raises ExpressionError with a translated message."""
    parser = _Parser(_tokenise(text or ""))
    if not parser.tokens:
        raise ExpressionError(_("The expression is empty."))
    tree = parser.parse()
    return Expression(text=text, tree=tree, names=frozenset(parser.names), uses_dot=parser.uses_dot)


def _truthy(value) -> bool:
    if isinstance(value, list):
        return bool(value)
    if isinstance(value, str):
        return value != ""
    return bool(value)


def _scalar(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    return value


def _number(value):
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    try:
        return Decimal(str(value).strip())
    except ArithmeticError:
        return None


def _compare(op: str, a, b) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        a, b = _number(a), _number(b)
        if a is None or b is None:  # an empty answer compares like XPath's NaN
            return op == "!="
    elif isinstance(a, str) and isinstance(b, str) and op not in ("=", "!="):
        na, nb = _number(a), _number(b)
        if na is not None and nb is not None:
            a, b = na, nb
    return {
        "=": lambda: a == b,
        "!=": lambda: a != b,
        "<": lambda: a < b,
        "<=": lambda: a <= b,
        ">": lambda: a > b,
        ">=": lambda: a >= b,
    }[op]()


def _arith(op: str, a, b):
    a, b = _number(a), _number(b)
    if a is None or b is None:
        return ""
    if op in ("div", "mod") and b == 0:
        return ""
    return {"+": a + b, "-": a - b, "*": a * b}.get(op) if op in "+-*" else (a / b if op == "div" else a % b)


def _raw(tree, answers, current):
    if tree[0] == "ref":
        return answers.get(tree[1])
    if tree[0] == "dot":
        return current
    return _eval(tree, answers, current)


def _eval(tree, answers: dict, current):
    kind = tree[0]
    if kind == "lit":
        return tree[1]
    if kind in ("ref", "dot"):
        return _scalar(_raw(tree, answers, current))
    if kind == "neg":
        value = _number(_eval(tree[1], answers, current))
        return "" if value is None else -value
    if kind == "bin":
        op, left, right = tree[1], tree[2], tree[3]
        if op == "and":
            return _truthy(_eval(left, answers, current)) and _truthy(_eval(right, answers, current))
        if op == "or":
            return _truthy(_eval(left, answers, current)) or _truthy(_eval(right, answers, current))
        a, b = _eval(left, answers, current), _eval(right, answers, current)
        return _compare(op, a, b) if op in _COMPARISONS else _arith(op, a, b)
    return _call(tree[1], tree[2], answers, current)


def _call(name: str, args, answers, current):
    if name == "not":
        return not _truthy(_eval(args[0], answers, current))
    raw = _raw(args[0], answers, current)
    values = raw if isinstance(raw, list) else str(_scalar(raw)).split()
    if name == "selected":
        return str(_eval(args[1], answers, current)) in [str(v) for v in values]
    if name == "count-selected":
        return Decimal(len(values))
    return Decimal(len(str(_scalar(raw))))  # string-length
