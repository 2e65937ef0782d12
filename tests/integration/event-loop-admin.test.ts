/** No request to the admin routes blocks the server: see tests/helpers/event-loop-attack.ts. */
import { describeEventLoopAttacks } from "../helpers/event-loop-attack";

describeEventLoopAttacks("admin", 200);
