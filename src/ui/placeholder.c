// SPDX-License-Identifier: GPL-2.0-only
/* placeholder: replaced by the UI */
int kss_ui_placeholder;
