/* keys.c: escape sequences the terminal description did not know. */
#include "session/keys.h"

#include <stdlib.h>

int key_escape(const char *seq)
{
    if (seq[0] != '[' && seq[0] != 'O')
        return 0;
    size_t n = 0;
    while (seq[n])
        n++;
    if (n < 2)
        return 0;
    char final = seq[n - 1];
    switch (final) {
    case 'A': return UIK_UP;
    case 'B': return UIK_DOWN;
    case 'C': return UIK_RIGHT;
    case 'D': return UIK_LEFT;
    case 'H': return UIK_HOME;
    case 'F': return UIK_END;
    case 'Z': return seq[0] == '[' && n == 2 ? UIK_BTAB : 0;
    case 'M': return seq[0] == 'O' && n == 2 ? UIK_ENTER : 0;
    case '~':
        if (seq[0] != '[')
            return 0;
        switch (atoi(seq + 1)) {
        case 1: case 7: return UIK_HOME;
        case 4: case 8: return UIK_END;
        case 5: return UIK_PGUP;
        case 6: return UIK_PGDN;
        case 3: return UIK_DELETE;
        default: return 0;
        }
    default:
        return 0;
    }
}
