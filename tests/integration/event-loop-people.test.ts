/** No request to the people routes blocks the server: see tests/helpers/event-loop-attack.ts. */
import { describeEventLoopAttacks } from "../helpers/event-loop-attack";

describeEventLoopAttacks("people", 300);
