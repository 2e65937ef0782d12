/** No request to the organisations routes blocks the server: see tests/helpers/event-loop-attack.ts. */
import { describeEventLoopAttacks } from "../helpers/event-loop-attack";

describeEventLoopAttacks("organisations", 270);
