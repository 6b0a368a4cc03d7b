"""Emailed links for confirming an address and setting a password; invitation secrets kept
only as digests; staff accounts count as confirmed (their invitation went to the address)."""

import hashlib

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def hash_invitation_tokens(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    for invitation in Invitation.objects.all().only("pk", "token"):
        invitation.token_hash = hashlib.sha256(invitation.token.encode()).hexdigest()
        invitation.save(update_fields=["token_hash"])


def confirm_staff_addresses(apps, schema_editor):
    """People who hold a role came in by an invitation sent to their address, or were made by
    the national team's loaders; candidates' own accounts must show they own theirs."""
    User = apps.get_model("accounts", "User")
    staff = User.objects.filter(models.Q(memberships__isnull=False) | models.Q(is_staff=True))
    for user in staff.distinct():
        user.email_verified_at = user.date_joined
        user.save(update_fields=["email_verified_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invitation_replaced_organisation_name_ci"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_verified_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the person showed they own the address: by an emailed link, or "
                "by accepting an invitation sent to it.",
                null=True,
                verbose_name="Email address confirmed",
            ),
        ),
        migrations.RunPython(confirm_staff_addresses, migrations.RunPython.noop),
        migrations.AddField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_invitation_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="invitation", name="token"),
        migrations.AlterField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.CreateModel(
            name="EmailLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "purpose",
                    models.CharField(
                        choices=[
                            ("confirm_email", "Confirm email address"),
                            ("reset_password", "Set a new password"),
                            ("claim_account", "Set a password for an account made for you"),
                            ("change_email", "Change email address"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        help_text="The address the link was sent to.", max_length=254
                    ),
                ),
                ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                ("next_path", models.CharField(blank=True, max_length=200)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("expires_at", models.DateTimeField()),
                ("used_at", models.DateTimeField(blank=True, null=True)),
                ("replaced_at", models.DateTimeField(blank=True, null=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="email_links",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(fields=["user", "purpose"], name="email_link_user_purpose")
                ],
            },
        ),
    ]
