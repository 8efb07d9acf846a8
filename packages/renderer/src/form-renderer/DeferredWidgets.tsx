import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { ConfigProvider } from 'antd';
import { CalendarOutlined, DownOutlined } from '@ant-design/icons';
// antd's own style hooks of the three widgets (typed entry points of antd/es): the stand-ins carry the
// widgets' class names, so the widgets' styles must be registered while a stand-in is shown
import usePickerStyle from 'antd/es/date-picker/style';
import useSelectStyle from 'antd/es/select/style';
import useInputNumberStyle from 'antd/es/input-number/style';
import useSwitchStyle from 'antd/es/switch/style';
import { useSharedStyle as useInputStyle } from 'antd/es/input/style';
import useTextAreaStyle from 'antd/es/input/style/textarea';

/**
 * How a stand-in looks: the empty, closed state of an antd DatePicker, single Select, InputNumber, Switch
 * or TextArea, drawn as plain elements with the widget's own class names (so it looks the same), without
 * the widget's component tree (rc-picker, rc-select and rc-input-number cost about as much to mount as
 * the rest of a field together).
 */
export type StandInLook =
  | { kind: 'picker'; placeholder?: string }
  | { kind: 'select'; placeholder?: string }
  | { kind: 'number'; addonAfter?: ReactNode }
  | { kind: 'switch'; checkedLabel?: ReactNode; uncheckedLabel?: ReactNode }
  | { kind: 'textarea'; rows?: number; maxLength?: number; placeholder?: string; showCount?: boolean };

/**
 * A field type's stand-in from the props its component would get (formily: value, disabled, readOnly and
 * the component props); undefined draws the real widget (e.g. radio buttons instead of a drop-down).
 */
export type StandIn = (props: Record<string, unknown>) => StandInLook | undefined;

type Deferral = {
  /** True while the form's heavy widgets are still stand-ins. */
  deferred: boolean;
  /** Mounts every real widget of the form now (synchronously when called in an event handler). */
  mountNow: () => void;
  hashes: { picker: string; select: string; number: string; switch: string; input: string };
  datePlaceholder: string;
};

const DeferralContext = createContext<Deferral | null>(null);

/**
 * Provides the deferral state of one form: stand-ins first, then the real widgets after the form's first
 * paint, in a transition (interruptible: typing or clicking elsewhere goes first); at once when a stand-in
 * is hovered, pressed or focused. Renders nothing of its own.
 */
export function DeferredWidgetsProvider(props: { enabled: boolean; children: ReactNode }) {
  const [deferred, setDeferred] = useState(props.enabled);
  const { getPrefixCls, locale } = useContext(ConfigProvider.ConfigContext);
  const [, picker] = usePickerStyle(getPrefixCls('picker'));
  const [, select] = useSelectStyle(getPrefixCls('select'));
  const [, number] = useInputNumberStyle(getPrefixCls('input-number'));
  const [, switchHash] = useSwitchStyle(getPrefixCls('switch'));
  const [, input] = useInputStyle(getPrefixCls('input'));
  useTextAreaStyle(getPrefixCls('input'));
  const datePlaceholder = (locale?.DatePicker as { lang?: { placeholder?: string } } | undefined)?.lang?.placeholder ?? '请选择日期';
  useEffect(() => {
    if (!deferred) return;
    // after the frame that paints the form: a task queued from an animation frame callback runs after it
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setDeferred(false)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [deferred]);
  const mountNow = useCallback(() => setDeferred(false), []);
  const value = useMemo<Deferral>(
    () => ({ deferred, mountNow, hashes: { picker, select, number, switch: switchHash, input }, datePlaceholder }),
    [deferred, mountNow, picker, select, number, switchHash, input, datePlaceholder],
  );
  return <DeferralContext.Provider value={value}>{props.children}</DeferralContext.Provider>;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function StandInView(props: { look: StandInLook; deferral: Deferral; onClaim: (element: HTMLElement, focus: boolean) => void }) {
  const { look, deferral } = props;
  const claim = {
    'data-stand-in': look.kind,
    onPointerEnter: (event: { currentTarget: HTMLElement }) => props.onClaim(event.currentTarget, false),
    onPointerDown: (event: { currentTarget: HTMLElement }) => props.onClaim(event.currentTarget, false),
    onFocus: (event: { currentTarget: HTMLElement }) => props.onClaim(event.currentTarget, true),
  };
  if (look.kind === 'picker') {
    const prefix = 'ant-picker';
    return (
      <div className={`${prefix} ${prefix}-outlined ${deferral.hashes.picker}`} style={{ width: '100%' }} {...claim}>
        <div className={`${prefix}-input`}>
          <input autoComplete="off" size={12} placeholder={look.placeholder ?? deferral.datePlaceholder} value="" readOnly />
          <span className={`${prefix}-suffix`}>
            <CalendarOutlined />
          </span>
        </div>
      </div>
    );
  }
  if (look.kind === 'select') {
    const prefix = 'ant-select';
    return (
      <div
        className={`${prefix} ${prefix}-outlined ${deferral.hashes.select} ${prefix}-single ${prefix}-allow-clear ${prefix}-show-arrow`}
        {...claim}
      >
        <div className={`${prefix}-selector`}>
          <span className={`${prefix}-selection-wrap`}>
            <span className={`${prefix}-selection-search`}>
              <input
                type="search"
                autoComplete="off"
                className={`${prefix}-selection-search-input`}
                role="combobox"
                aria-expanded="false"
                readOnly
                value=""
                style={{ opacity: 0 }}
              />
            </span>
            {look.placeholder && <span className={`${prefix}-selection-placeholder`}>{look.placeholder}</span>}
          </span>
        </div>
        <span className={`${prefix}-arrow`} aria-hidden style={{ userSelect: 'none' }}>
          <DownOutlined className={`${prefix}-suffix`} />
        </span>
      </div>
    );
  }
  if (look.kind === 'switch') {
    const prefix = 'ant-switch';
    return (
      <button type="button" role="switch" aria-checked="false" className={`${prefix} ${deferral.hashes.switch}`} {...claim}>
        <div className={`${prefix}-handle`} />
        <span className={`${prefix}-inner`}>
          <span className={`${prefix}-inner-checked`}>{look.checkedLabel}</span>
          <span className={`${prefix}-inner-unchecked`}>{look.uncheckedLabel}</span>
        </span>
      </button>
    );
  }
  if (look.kind === 'textarea') {
    const prefix = 'ant-input';
    const hash = deferral.hashes.input;
    const textarea = (
      <textarea
        rows={look.rows}
        placeholder={look.placeholder}
        maxLength={look.maxLength}
        className={`${prefix} ${hash}`}
        value=""
        readOnly
      />
    );
    if (!look.showCount) return <span {...claim}>{textarea}</span>;
    const count = look.maxLength === undefined ? '0' : `0 / ${look.maxLength}`;
    return (
      <span
        className={`${prefix}-affix-wrapper ${prefix}-textarea-affix-wrapper ${prefix}-textarea-show-count ${hash} ${prefix}-show-count ${prefix}-outlined`}
        data-count={count}
        {...claim}
      >
        {textarea}
        <span className={`${prefix}-suffix`}>
          <span className={`${prefix}-data-count`}>{count}</span>
        </span>
      </span>
    );
  }
  const prefix = 'ant-input-number';
  const hash = deferral.hashes.number;
  const number = (rest: object) => (
    <div className={`${prefix} ${hash} ${prefix}-outlined`} {...rest}>
      <div className={`${prefix}-input-wrap`}>
        <input autoComplete="off" role="spinbutton" className={`${prefix}-input`} value="" readOnly />
      </div>
    </div>
  );
  if (look.addonAfter === undefined) return number({ style: { width: '100%' }, ...claim });
  return (
    <div className={`${prefix}-group-wrapper ${prefix}-group-wrapper-outlined ${hash}`} style={{ width: '100%' }} {...claim}>
      <div className={`${prefix}-wrapper ${prefix}-group ${hash}`}>
        {number({})}
        <div className={`${prefix}-group-addon`}>{look.addonAfter}</div>
      </div>
    </div>
  );
}

/**
 * A field component that is drawn as a stand-in while its form defers heavy widgets (see
 * `DeferredWidgetsProvider`) and the field is editable and empty; otherwise, and always outside such a
 * form, the component itself. A stand-in that takes the focus hands it to the real widget's first input.
 */
export function deferrable<P extends Record<string, unknown>>(Component: ComponentType<P>, standIn: StandIn): ComponentType<P> {
  function Deferrable(props: P) {
    const deferral = useContext(DeferralContext);
    // where the focus goes once the real widget is mounted: the element that holds the stand-in
    const refocus = useRef<Element | null>(null);
    const look = deferral?.deferred && !props.disabled && !props.readOnly && isEmpty(props.value) ? standIn(props) : undefined;
    useLayoutEffect(() => {
      const holder = refocus.current;
      if (look || !holder) return;
      refocus.current = null;
      holder.querySelector<HTMLElement>('input, textarea, button')?.focus();
    });
    if (!look || !deferral) return <Component {...props} />;
    const onClaim = (element: HTMLElement, focus: boolean) => {
      if (focus) refocus.current = element.parentElement;
      // now, within this event: a hover is followed by the press, which must reach the real widget
      flushSync(deferral.mountNow);
    };
    return <StandInView look={look} deferral={deferral} onClaim={onClaim} />;
  }
  Deferrable.displayName = `Deferrable(${Component.displayName ?? Component.name ?? 'Widget'})`;
  return Deferrable;
}
