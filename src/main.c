// SPDX-License-Identifier: GPL-2.0-only
/* kswapsim: the command line (placeholder until the script layer lands) */
#include <stdio.h>

int main(void)
{
	printf("kswapsim %s\n", KSS_VERSION);
	return 0;
}
