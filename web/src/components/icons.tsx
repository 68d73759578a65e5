import type { JSX } from 'preact';

type Props = JSX.SVGAttributes<SVGSVGElement>;

/** Line icons drawn on a 24-unit grid; decorative unless given a title by the caller. */
function Icon({ children, ...props }: Props & { children: JSX.Element | JSX.Element[] }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const ChatsIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M4 5h16v11H9l-5 4z" />
  </Icon>
);
export const PeopleIcon = (p: Props) => (
  <Icon {...p}>
    <circle cx="9" cy="8" r="3.2" />
    <path d="M3 19c.8-3.2 3.2-5 6-5s5.2 1.8 6 5" />
    <path d="M15.5 5.2a3 3 0 0 1 0 5.6M17.5 14.3c1.6.7 2.8 2.3 3.3 4.7" />
  </Icon>
);
export const ProfileIcon = (p: Props) => (
  <Icon {...p}>
    <circle cx="12" cy="8.5" r="3.5" />
    <path d="M5 20c1-3.6 3.8-5.5 7-5.5s6 1.9 7 5.5" />
  </Icon>
);
export const BackIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M15 5l-7 7 7 7" />
  </Icon>
);
export const SendIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M4 12l16-8-6 16-2.5-6.5z" />
    <path d="M11.5 13.5L20 4" />
  </Icon>
);
export const ClockIcon = (p: Props) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="8" />
    <path d="M12 8v4.5l3 1.8" />
  </Icon>
);
export const PlusIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
export const AlertIcon = (p: Props) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5v5.5M12 16.2v.1" />
  </Icon>
);
export const CloudOffIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M3 3l18 18" />
    <path d="M8.5 8.6A4.5 4.5 0 0 0 6.5 17H17m3-1.6A3.5 3.5 0 0 0 17 10h-.2A5.5 5.5 0 0 0 10.4 5.6" />
  </Icon>
);
export const CheckIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Icon>
);
export const CloseIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
);
export const SchoolIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M3 10.5L12 5l9 5.5" />
    <path d="M5 9.5V19h14V9.5" />
    <path d="M10 19v-4.5h4V19" />
    <path d="M3 19h18" />
  </Icon>
);
export const ClassIcon = (p: Props) => (
  <Icon {...p}>
    <rect x="3.5" y="4.5" width="17" height="11" rx="1.5" />
    <path d="M8 19.5h8M12 15.5v4" />
  </Icon>
);
export const ChevronIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M9 5l7 7-7 7" />
  </Icon>
);
export const InboxIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M4 13.5l2.2-7.2A1.5 1.5 0 0 1 7.6 5.2h8.8a1.5 1.5 0 0 1 1.4 1.1l2.2 7.2" />
    <path d="M4 13.5V18a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4.5h-4.5l-1.2 2h-4.6l-1.2-2z" />
  </Icon>
);
export const PrintIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M7 9V4h10v5" />
    <rect x="3.5" y="9" width="17" height="7.5" rx="1.5" />
    <path d="M7 14h10v6H7z" />
  </Icon>
);
export const ShareIcon = (p: Props) => (
  <Icon {...p}>
    <circle cx="17.5" cy="5.5" r="2.5" />
    <circle cx="6.5" cy="12" r="2.5" />
    <circle cx="17.5" cy="18.5" r="2.5" />
    <path d="m8.7 10.7 6.6-3.9M8.7 13.3l6.6 3.9" />
  </Icon>
);
export const CopyIcon = (p: Props) => (
  <Icon {...p}>
    <rect x="8.5" y="8.5" width="11" height="11" rx="1.5" />
    <path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5" />
  </Icon>
);
export const LinkIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Icon>
);
export const MoreIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M6 12h.01M12 12h.01M18 12h.01" stroke-width="3" />
  </Icon>
);
export const ReplyIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M10 8L5 12.5l5 4.5" />
    <path d="M5.5 12.5H14a5 5 0 0 1 5 5v1" />
  </Icon>
);
export const EditIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M5 19l1-4L15.5 5.5a2.1 2.1 0 0 1 3 3L9 18z" />
    <path d="M13.5 7.5l3 3" />
  </Icon>
);
export const TrashIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M5 7h14M10 7V5h4v2M7 7l1 12h8l1-12" />
  </Icon>
);
export const PinIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M9 4h6l-1 6 3 3H7l3-3z" />
    <path d="M12 13v7" />
  </Icon>
);
export const ForwardIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M14 8l5 4.5-5 4.5" />
    <path d="M18.5 12.5H10a5 5 0 0 0-5 5v1" />
  </Icon>
);
export const HistoryIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M4.5 12a7.5 7.5 0 1 0 2.2-5.3L4.5 9" />
    <path d="M4.5 4.5V9H9M12 8v4l2.5 2" />
  </Icon>
);
export const SearchIcon = (p: Props) => (
  <Icon {...p}>
    <circle cx="10.5" cy="10.5" r="6" />
    <path d="M15 15l5 5" />
  </Icon>
);
export const ComposeIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M12 4.5H6A1.5 1.5 0 0 0 4.5 6v12A1.5 1.5 0 0 0 6 19.5h12a1.5 1.5 0 0 0 1.5-1.5v-6" />
    <path d="M10 14l.6-2.8 7.3-7.3a1.6 1.6 0 0 1 2.2 2.2l-7.3 7.3z" />
  </Icon>
);

export const DownIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </Icon>
);

export const PaperclipIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.2-8.2a3.3 3.3 0 0 1 4.7 4.7l-8.2 8.2a1.7 1.7 0 0 1-2.4-2.4l7.6-7.6" />
  </Icon>
);

export const FileIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M9 13h6M9 17h6" />
  </Icon>
);

export const PlayIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M8 5v14l11-7z" fill="currentColor" />
  </Icon>
);

export const DownloadIcon = (p: Props) => (
  <Icon {...p}>
    <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
  </Icon>
);
