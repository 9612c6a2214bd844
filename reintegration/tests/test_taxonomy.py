from reintegration.taxonomy import DIMENSION_OF, Dimension, Need, grouped_choices, needs_in


def test_every_need_belongs_to_exactly_one_dimension_and_every_dimension_has_needs():
    assert set(DIMENSION_OF) == set(Need)
    for dimension in Dimension:
        assert needs_in(dimension)


def test_grouped_choices_list_each_need_once():
    flat = [value for _label, options in grouped_choices() for value, _ in options]
    assert sorted(flat) == sorted(Need.values)
