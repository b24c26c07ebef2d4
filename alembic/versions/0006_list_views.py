"""list views

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 09:00:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (generated columns use sqlmodel.sql.sqltypes.AutoString)
from alembic import op

import db.types  # noqa: F401  (custom column types)
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table('list_views',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tg_user_id', sa.BigInteger(), nullable=False),
    sa.Column('filter', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', db.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_list_views'))
    )
    op.create_index(op.f('ix_list_views_created_at'), 'list_views', ['created_at'], unique=False)
    op.create_index(op.f('ix_list_views_tg_user_id'), 'list_views', ['tg_user_id'], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f('ix_list_views_tg_user_id'), table_name='list_views')
    op.drop_index(op.f('ix_list_views_created_at'), table_name='list_views')
    op.drop_table('list_views')
