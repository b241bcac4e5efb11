// SPDX-License-Identifier: GPL-2.0-only
/* placeholder: replaced by the script layer */
int kss_script_placeholder;
