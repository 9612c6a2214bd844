import factory
from django.utils import timezone

from accounts.models import Membership, User
from accounts.roles import Role

georgian = factory.Faker._get_faker(locale="ka_GE")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.ge")
    full_name = factory.LazyFunction(lambda: f"{georgian.first_name()} {georgian.last_name()}")
    preferred_language = "ka"
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.OFFICER
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=30))


def officer(**kwargs) -> User:
    return MembershipFactory(role=Role.OFFICER, **kwargs).user


def partner(**kwargs) -> User:
    return MembershipFactory(role=Role.PARTNER, **kwargs).user
