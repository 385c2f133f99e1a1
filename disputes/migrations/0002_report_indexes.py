# Indexes for the office statistics and the register (reports/selectors.py): an office's disputes
# submitted, and closed, within a year.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("disputes", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dispute",
            index=models.Index(fields=["office", "submitted_at"], name="dispute_office_submitted_idx"),
        ),
        migrations.AddIndex(
            model_name="dispute",
            index=models.Index(fields=["office", "closed_at"], name="dispute_office_closed_idx"),
        ),
    ]
